/**
 * Where the article's pages are published, relative to the base path, in reading order: the text,
 * then its appendices (see article-pages.ts). Kept free of `astro:content` for the pure modules
 * that link across pages.
 */
export const pagePaths = { text: '', faq: 'faq/', errata: 'errata/', references: 'references/' } as const;

export type ArticlePageKey = keyof typeof pagePaths;

/** The pages written in MDX, in reading order, and their files from the repository's root (errata and references are built from data). */
export const mdxFiles = { text: 'src/content/article/qwen-vs-llama3.mdx', faq: 'src/content/appendix/faq.mdx' } as const;
