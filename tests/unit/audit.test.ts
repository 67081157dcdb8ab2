// The fact audit (src/content/audit.yaml) is the record the next audit starts from. It must stay
// true to the article as it reads now: each entry points at a passage that is still there, cites
// references that exist, and says why when a claim could not be confirmed or had to be fixed. It
// must also keep up with the article: every sentence that states a number or cites a source has an
// entry that checked that number against that source, so new text cannot go unaudited, and every
// entry is the only record of something, so removing one is noticed.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { auditSchema, referenceSchema } from '../../src/content/schemas';
import { articleFiles, readWholeArticle } from '../../src/lib/article-files';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(fileURLToPath(new URL(path, root)), 'utf8');

const audit = auditSchema.parse(parse(read('src/content/audit.yaml')));
const referenceIds = new Set((parse(read('src/content/references.yaml')) as unknown[]).map((r) => referenceSchema.parse(r).id));
const passages = (e: AuditEntry) => (typeof e.passage === 'string' ? [e.passage] : e.passage);
type AuditEntry = (typeof audit.entries)[number];


/** One sentence of the article's prose (or one display formula), where it stands, and what it cites and counts. */
interface Unit {
  start: number;
  end: number;
  text: string;
  cites: string[];
  numbers: string[];
}

/** Replaces each match with spaces, so offsets still point into the original text. */
const blank = (text: string, pattern: RegExp) => text.replace(pattern, (m) => m.replace(/[^\n]/g, ' '));

/** Digits that are not data: references to the article's own sections, formulas and errata, inline code, and digits inside names (Qwen2.5-7B, Llama 3.1, E20, d_h). */
function blankNames(text: string): string {
  for (const pattern of [
    /第 \d+ 节|\d+(\.\d+)* 节|式 \(\d+\)|§\d+(\.\d+)*/g,
    /`[^`]*`/g,
    /(Meta-)?Llama[- ]?\d+(\.\d+)?(\/\d+(\.\d+)?)*(-[A-Za-z0-9.]+)*(\/[0-9.]+B)*/g,
    /Qwen\d*(\.\d+)?(\/\d+(\.\d+)?)*(-[A-Za-z0-9.]+)*(\/[0-9.]+B)*/g,
    /[A-Za-z_\\]+\d[A-Za-z0-9_.-]*/g,
  ]) {
    text = blank(text, pattern);
  }
  return text;
}

/** The numbers of a text whose names are already blanked, with thousands separators dropped (14,336 is 14336). */
const numbersIn = (text: string) => [...text.matchAll(/\d[\d,]*(\.\d+)?/g)].map((m) => m[0].replace(/,/g, ''));

/** Whether some entry's claim, passages or note states the number as a number of its own (8 is not named by 128 or by Llama-3-8B). */
const named = (entries: AuditEntry[], n: string) =>
  entries.some((e) => numbersIn(blankNames(`${e.claim} ${passages(e).join(' ')} ${e.note ?? ''}`)).includes(n));

/**
 * Splits the article into sentences (at 。！？ and line ends; a display formula is one unit) and
 * keeps those that state a number or cite a source. Not prose: front matter, imports, code blocks,
 * headings, list markers, components other than <Cite>, links; not numbers: see blankNames.
 */
function articleUnits(source: string): Unit[] {
  let text = source;
  for (const pattern of [
    /^---\n[\s\S]*?\n---\n/,
    /^import .*$/gm,
    /^```[\s\S]*?^```$/gm,
    /^#{1,6} .*$/gm,
    /^\s*\d+\. /gm,
    /<(?!Cite )[^>]*>/g,
    /\]\([^)]*\)|https?:\/\/\S+/g,
  ]) {
    text = blank(text, pattern);
  }
  const cites: Array<{ at: number; ids: string[] }> = [];
  text = blankNames(
    text.replace(/<Cite id="([^"]+)" \/>/g, (m: string, ids: string, at: number) => {
      cites.push({ at, ids: ids.split(' ') });
      return ' '.repeat(m.length);
    }),
  );
  const units: Unit[] = [];
  const add = (start: number, end: number) => {
    const numbers = numbersIn(text.slice(start, end));
    const unitCites = cites.filter((c) => c.at >= start && c.at < end).flatMap((c) => c.ids);
    if (numbers.length || unitCites.length) units.push({ start, end, text: source.slice(start, end).trim(), cites: unitCites, numbers });
  };
  const sentences = (from: number, to: number) => {
    let start = from;
    for (let i = from; i < to; i++) {
      if ('。！？\n'.includes(text.charAt(i))) {
        add(start, i);
        start = i + 1;
      }
    }
    add(start, to);
  };
  let last = 0;
  for (const m of text.matchAll(/^\$\$\n[\s\S]*?\n\$\$$/gm)) {
    sentences(last, m.index);
    add(m.index, m.index + m[0].length);
    last = m.index + m[0].length;
  }
  sentences(last, text.length);
  return units;
}

/** Where each passage stands in the text: every occurrence, as [start, end). */
function occurrences(text: string, passage: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let i = text.indexOf(passage); i >= 0; i = text.indexOf(passage, i + 1)) found.push([i, i + passage.length]);
  return found;
}

/** What a set of entries leaves unchecked in the article: sentences without an entry, citations and numbers no entry covers. */
function gaps(entries: AuditEntry[], source: string, exempt: string[]): string[] {
  const placed = entries.flatMap((e) => passages(e).flatMap((p) => occurrences(source, p).map(([s, t]) => ({ e, s, t }))));
  const exempted = exempt.flatMap((p) => occurrences(source, p));
  const missing: string[] = [];
  for (const unit of articleUnits(source)) {
    const covering = [...new Set(placed.filter((p) => p.s < unit.end && p.t > unit.start).map((p) => p.e))];
    const isExempt = exempted.some(([s, t]) => s < unit.end && t > unit.start);
    const checked = new Set(covering.flatMap((e) => e.sources));
    for (const id of new Set(unit.cites)) if (!checked.has(id)) missing.push(`${unit.text} — cites ${id}`);
    if (isExempt) continue;
    for (const n of new Set(unit.numbers)) if (!named(covering, n)) missing.push(`${unit.text} — states ${n}`);
  }
  return missing;
}

describe('the audit record', () => {
  it('points every entry at passages the file still contains', () => {
    const stale = audit.entries.flatMap((e) =>
      passages(e)
        .filter((p) => !existsSync(fileURLToPath(new URL(e.file, root))) || !read(e.file).includes(p))
        .map((p) => `${e.file}: ${p}`),
    );
    expect(stale).toEqual([]);
  });

  it('cites only references that exist', () => {
    const unknown = audit.entries.flatMap((e) => e.sources.filter((s) => !referenceIds.has(s)).map((s) => `${e.claim}: ${s}`));
    expect(unknown).toEqual([]);
  });

  it('explains every unverified claim (what was read instead)', () => {
    expect(audit.entries.filter((e) => e.verdict === 'unverified' && !e.note).map((e) => e.claim)).toEqual([]);
  });

  it('says where each correction came from, and records what the audit found on its own', () => {
    const corrected = audit.entries.filter((e) => e.verdict === 'corrected');
    expect(corrected.filter((e) => !e.foundBy).map((e) => e.claim)).toEqual([]);
    expect(corrected.some((e) => e.foundBy === 'audit')).toBe(true);
  });

  it('states honestly which parts were not audited', () => {
    expect(audit.coverage.audited.length).toBeGreaterThan(0);
    expect(audit.coverage.notAudited.length).toBeGreaterThan(0);
  });

  it('covers every model of the architecture table and every quoted benchmark source table', () => {
    const models = (parse(read('src/content/models.yaml')) as Array<{ name: string }>).map((m) => m.name);
    const modelPassages = audit.entries.filter((e) => e.file === 'src/content/models.yaml').map((e) => e.passage);
    expect(models.filter((name) => !modelPassages.includes(`name: ${name}`))).toEqual([]);

    const benchmarkSources = audit.entries.filter((e) => e.file === 'src/content/benchmarks.yaml').flatMap((e) => e.sources);
    const quoted = (parse(read('src/content/benchmarks.yaml')) as Array<{ sources: string[] }>).flatMap((t) => t.sources);
    expect([...new Set(quoted)].filter((s) => !benchmarkSources.includes(s))).toEqual([]);
  });

  it('checks every erratum: each number of its problem and correction named, each of its sources opened', () => {
    const errata = parse(read('src/content/errata.yaml')) as Array<{ id: string; problem: string; correction: string; sources: string[] }>;
    const checked = audit.entries.filter((e) => e.file === 'src/content/errata.yaml');
    const missing = errata.flatMap((erratum) => {
      const text = `${erratum.problem}\n${erratum.correction}`;
      const covering = checked.filter((e) => passages(e).some((p) => text.includes(p)));
      if (!covering.length) return [`${erratum.id}: no entry`];
      const opened = new Set(covering.flatMap((e) => e.sources));
      return [
        ...erratum.sources.filter((s) => !opened.has(s)).map((s) => `${erratum.id} — cites ${s}`),
        ...[...new Set(numbersIn(blankNames(text)))].filter((n) => !named(covering, n)).map((n) => `${erratum.id} — states ${n}`),
      ];
    });
    expect(missing).toEqual([]);
  });

  it('covers every equation of equations.yaml', () => {
    const equations = parse(read('src/content/equations.yaml')) as Array<{ id: string; tex: string }>;
    const checked = audit.entries.filter((e) => e.file === 'src/content/equations.yaml').flatMap(passages);
    expect(equations.filter((eq) => !checked.some((p) => eq.tex.includes(p))).map((eq) => eq.id)).toEqual([]);
  });
});

describe('the audit keeps up with the article', () => {
  it('finds the sentences, citations and numbers an expert would check, and leaves out names and cross-references', () => {
    const sample = [
      '## 2. 核心概念',
      '',
      '1. Llama-3-8B 有 32 层，Qwen2.5-7B 的 $d_h=128$，词表 128,256<Cite id="TT L-sku" />；见 3.3.1 节与式 (6)，勘误 E20。',
      '',
      '```python',
      'max_new_tokens=512',
      '```',
      '',
      '<Erratum id="E1" />',
      '',
      'Llama 3.1/3.2 与 Qwen3 都是模型。',
    ].join('\n');
    expect(articleUnits(sample).map((u) => [u.numbers, u.cites])).toEqual([[['32', '128', '128256'], ['TT', 'L-sku']]]);
    const entry = { ...audit.entries[0]!, claim: 'Llama-3-8B 的头维度为 128，词表 128,256', passage: 'x', note: undefined };
    expect(['8', '128', '128256', '256'].map((n) => named([entry], n))).toEqual([false, true, true, false]);
  });

  it('exempts only sentences that are in the article, say why, and cite nothing', () => {
    const article = readWholeArticle();
    const exempt = audit.exempt.map((x) => x.passage);
    expect(exempt.filter((p) => !article.includes(p))).toEqual([]);
    const cited = articleUnits(article).filter((u) => u.cites.length && exempt.some((p) => u.text.includes(p)));
    expect(cited.map((u) => u.text)).toEqual([]);
  });
});

// Each of the article's MDX files (its text page, its appendix pages) is audited on its own: an
// entry points at passages of one file.
describe.each(articleFiles)('the audit keeps up with %s', (file) => {
  const article = read(file);
  const entries = audit.entries.filter((e) => e.file === file);
  const exempt = audit.exempt.map((x) => x.passage);

  it('has an entry for every sentence that states a number or cites a source, naming each number and checking each source', () => {
    expect(gaps(entries, article, exempt)).toEqual([]);
  });

  it('notices when any one entry is removed: each is the only record of some number or citation', () => {
    const needless = entries.filter((e) => gaps(entries.filter((other) => other !== e), article, exempt).length === 0);
    expect(needless.map((e) => e.claim)).toEqual([]);
  });
});
