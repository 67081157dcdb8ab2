// The article is published as four pages, in reading order: the text, then its appendices. One page
// for all of it was 92 phone screens and more HTML than a phone parses quickly; the appendices are
// what a reader consults rather than reads through. Links between the pages go through here.
import { getEntry } from 'astro:content';
import { withBase } from './url';
import { mdxFiles, pagePaths, type ArticlePageKey } from './page-paths';

export type { ArticlePageKey };

export interface ArticlePage {
  key: ArticlePageKey;
  href: string;
  title: string;
}

// The MDX of the pages written in it, read raw for the order of citations and to find which page
// holds an erratum.
const rawSources = import.meta.glob(['../content/article/*.mdx', '../content/appendix/*.mdx'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export const mdxSources: Array<{ key: ArticlePageKey; source: string }> = Object.entries(mdxFiles).map(([key, file]) => {
  const source = rawSources[file.replace(/^src\//, '../')];
  if (source === undefined) throw new Error(`${file} is missing`);
  return { key: key as ArticlePageKey, source };
});

/** A link to a place on one of the article's pages: `pageHref('errata', 'errata-row-E1')`. */
export function pageHref(key: ArticlePageKey, fragment?: string): string {
  const path = withBase(pagePaths[key]);
  return fragment ? `${path}#${fragment}` : path;
}

/** The page whose text shows an erratum. */
export function pageOfErratum(id: string): ArticlePageKey {
  const found = mdxSources.find(({ source }) => source.includes(`<Erratum id="${id}"`));
  if (!found) throw new Error(`No page of the article shows erratum ${id}`);
  return found.key;
}

/** The article's pages with their titles, for the contents and the links between pages. */
export async function articlePages(): Promise<ArticlePage[]> {
  const faq = await getEntry('appendix', 'faq');
  if (!faq) throw new Error('src/content/appendix/faq.mdx is missing');
  const titles: Record<ArticlePageKey, string> = {
    text: '正文',
    faq: faq.data.title,
    errata: '附录：勘误表',
    references: '参考文献',
  };
  return (Object.keys(pagePaths) as ArticlePageKey[]).map((key) => ({ key, href: pageHref(key), title: titles[key] }));
}
