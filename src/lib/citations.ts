// Citation numbers follow the order in which the article (its text, then its appendices) first
// cites each source, counting the sources of errata and equations where they stand, as a printed
// paper would. Sources that only tables use come after, in the order of references.yaml.
import { getCollection } from 'astro:content';
import type { CollectionEntry } from 'astro:content';
import { mdxSources } from './article-pages';

const componentPattern = /<(Cite|Erratum|Equation)\s+id="([^"]+)"/g;

/** Reference keys in order of first citation in an MDX source. */
export function citationOrderIn(
  source: string,
  sourcesOf: { erratum: (id: string) => string[]; equation: (id: string) => string[] },
): string[] {
  const order: string[] = [];
  for (const [, component, id] of source.matchAll(componentPattern)) {
    const keys =
      component === 'Cite' ? id!.split(/\s+/) : component === 'Erratum' ? sourcesOf.erratum(id!) : sourcesOf.equation(id!);
    for (const key of keys) if (key && !order.includes(key)) order.push(key);
  }
  return order;
}

export interface NumberedReference {
  number: number;
  reference: CollectionEntry<'references'>['data'];
}

let cache: Promise<Map<string, NumberedReference>> | undefined;

/** Every reference with its number, keyed by reference id. */
export function numberedReferences(): Promise<Map<string, NumberedReference>> {
  cache ??= (async () => {
    const [references, errata, equations] = await Promise.all([
      getCollection('references'),
      getCollection('errata'),
      getCollection('equations'),
    ]);
    const erratumSources = new Map(errata.map((e) => [e.id, e.data.sources]));
    const equationSources = new Map(equations.map((e) => [e.id, e.data.sources]));
    const cited = mdxSources.flatMap(({ source }) =>
      citationOrderIn(source, {
        erratum: (id) => erratumSources.get(id) ?? [],
        equation: (id) => equationSources.get(id) ?? [],
      }),
    );
    const known = new Map(references.map((r) => [r.id, r.data]));
    const unknown = cited.filter((key) => !known.has(key));
    if (unknown.length) throw new Error(`The article cites unknown references: ${unknown.join(', ')}`);
    const order = [...new Set([...cited, ...references.map((r) => r.id)])];
    return new Map(order.map((id, index) => [id, { number: index + 1, reference: known.get(id)! }]));
  })();
  return cache;
}

/** Looks up references by key, failing the build on a key that is not in references.yaml. */
export async function citationsFor(keys: string[]): Promise<Array<NumberedReference & { id: string }>> {
  const numbered = await numberedReferences();
  return keys.map((id) => {
    const found = numbered.get(id);
    if (!found) throw new Error(`Unknown reference "${id}" (add it to src/content/references.yaml)`);
    return { id, ...found };
  });
}
