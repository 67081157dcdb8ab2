// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { rehypeHeadingIds, unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { rehypeHeadingAnchors } from './src/lib/markdown/heading-anchors.mjs';
import { basePath, siteUrl } from './site.config.mjs';

export default defineConfig({
  site: siteUrl(),
  base: basePath(),
  output: 'static',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  markdown: {
    // Sätteri (the default) takes no remark/rehype plugins; KaTeX needs the unified pipeline.
    processor: unified({
      remarkPlugins: [remarkMath],
      // htmlAndMathml: the HTML draws the formula, the MathML is what screen readers and copy read.
      rehypePlugins: [
        [rehypeKatex, { output: 'htmlAndMathml', strict: 'error' }],
        // Ids first (Astro would add them later anyway), so the anchors can link to them.
        rehypeHeadingIds,
        rehypeHeadingAnchors,
      ],
    }),
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
      defaultColor: false,
    },
  },
  integrations: [mdx()],
});
