/**
 * The article's MDX files read from disk, for the checks and benchmarks that run in Node (the
 * site itself reads them through its content collections).
 */
import { readFileSync } from 'node:fs';
import { articleSectionsWithAppendices, type ArticleSection } from '../playground/tokenizer/article-sections.ts';
import { mdxFiles } from './page-paths.ts';

/** Every MDX file of the article, in reading order, relative to the repository's root. */
export const articleFiles = Object.values(mdxFiles);

const root = new URL('../../', import.meta.url);

export function readArticleFile(file: (typeof articleFiles)[number]): string {
  return readFileSync(new URL(file, root), 'utf8');
}

/** All the article's MDX, in reading order, as one text (for checks that look for a passage anywhere in it). */
export function readWholeArticle(): string {
  return articleFiles.map(readArticleFile).join('\n');
}

/** The article's sections as the build's token table counts them. */
export function articleSectionsFromFiles(): ArticleSection[] {
  const [text, ...appendices] = articleFiles.map(readArticleFile);
  return articleSectionsWithAppendices(
    text!,
    appendices.map((body) => {
      const title = /^---\n[\s\S]*?^title:\s*(.+)$/m.exec(body)?.[1];
      if (!title) throw new Error('an appendix has no title in its front matter');
      return { title: title.trim(), body };
    }),
  );
}
