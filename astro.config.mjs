// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { rehypeHeadingIds, unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { rehypeHeadingAnchors } from './src/lib/markdown/heading-anchors.mjs';
import { rehypeTidyMathml } from './src/lib/markdown/mathml.mjs';
import { mathFont } from './src/lib/markdown/math-font.mjs';
import { rehypeFocusableFormulas } from './src/lib/markdown/focusable-formulas.mjs';
import { rehypeSections } from './src/lib/markdown/sections.mjs';
import { codeColoursPlugin, codeHighlighting } from './src/lib/markdown/code-colours.mjs';
import publishFiles from './scripts/publish/integration.mjs';
import { basePath, siteUrl } from './site.config.mjs';
import { modelHosts } from './model-hosts.config.mjs';

export default defineConfig({
  site: siteUrl(),
  base: basePath(),
  output: 'static',
  // A class per component instead of a data-astro-cid-… attribute on every element: ~90 KB less
  // HTML on the article.
  scopedStyleStrategy: 'class',
  trailingSlash: 'ignore',
  build: {
    format: 'directory',
    // Every page's styles go in its <head>: a stylesheet file is a round trip before the first
    // paint (about 250 ms of the article's LCP under Lighthouse's mobile profile) for 3–4 KB gzip.
    inlineStylesheets: 'always',
  },
  markdown: {
    // Sätteri (the default) takes no remark/rehype plugins; KaTeX needs the unified pipeline.
    processor: unified({
      remarkPlugins: [remarkMath],
      // MathML only: browsers lay it out and read it aloud natively (see src/lib/markdown/mathml.mjs).
      rehypePlugins: [
        [rehypeKatex, { output: 'mathml', strict: 'error' }],
        rehypeTidyMathml,
        rehypeFocusableFormulas,
        // Ids first (Astro would add them later anyway), so the anchors can link to them.
        rehypeHeadingIds,
        rehypeHeadingAnchors,
        rehypeSections,
      ],
    }),
    shikiConfig: codeHighlighting,
  },
  // Every page gets this policy as a <meta>, with hashes of its own scripts and styles; the build
  // also writes it (plus frame-ancestors) into _headers for hosts that read that file.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        `connect-src 'self' ${modelHosts().join(' ')}`,
        // blob: for the engine worker (worker-engine.ts starts it from a blob: URL so that it runs
        // under this policy) and the CPU path (wllama starts its workers from its own bundled code
        // as blob: URLs); only scripts already running on this origin can make one.
        "worker-src 'self' blob:",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // web-llm and the tokenizers compile WebAssembly; nothing on the site evaluates strings.
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      // No style="" attributes at all: code colours are classes, every formula is MathML, and
      // scripts style elements through element.style, which no policy governs. HTML that gets
      // into a page with one (a model's answer past its sanitizer, say) is not styled by it.
      styleDirective: { resources: ["'self'", { resource: "'none'", kind: 'attribute' }] },
    },
  },
  vite: {
    plugins: [codeColoursPlugin(), mathFont({ contentDir: './src/content', outFile: './src/styles/math-font/noto-sans-math.woff2' })],
    build: {
      // Vite would inline a small font into the CSS as a data: URL, which font-src 'self' forbids;
      // a font is better as its own cacheable file anyway. Scripts, too, are files of their own
      // rather than inline in the HTML: the article's four pages share them from the cache, each
      // inline one would add its hash to every page's policy, and a module script never holds up
      // the first paint.
      rollupOptions: {
        output: {
          // Every page's own script (src/scripts/page.ts) is one file with no imports: Vite's
          // helper for dynamic imports, shared with the models page's script, goes in with it
          // rather than in a file of its own requested after it.
          manualChunks: (id) => (/vite\/preload-helper|BaseLayout\.astro\?astro&type=script/.test(id) ? 'page' : undefined),
        },
      },
      assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf|js)$/.test(file) ? false : undefined),
    },
  },
  integrations: [
    mdx(),
    sitemap({ filter: (page) => !/\/404\/?$/.test(page) }),
    publishFiles({ article: './src/content/article/qwen-vs-llama3.mdx' }),
  ],
});
