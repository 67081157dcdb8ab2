import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

describe('layering: web-llm values only in the worker', () => {
  // Any value import of '@mlc-ai/web-llm' outside the worker (even `import { type X }`, which
  // verbatimModuleSyntax keeps as a side-effect import) ships a second 6 MB copy of the library.
  const root = join(import.meta.dirname, '../../src');
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((file) => /\.(ts|mjs|astro)$/.test(file))
    .map((file) => join(root, file));
  const valueImport = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^;]*?from\s*['"]@mlc-ai\/web-llm['"]|import\(\s*['"]@mlc-ai\/web-llm['"]/;

  test('the scan sees the worker and its value import', () => {
    const worker = files.find((file) => file.endsWith(join('playground', 'engine', 'worker.ts')));
    expect(worker).toBeDefined();
    expect(readFileSync(worker!, 'utf8')).toMatch(valueImport);
  });

  // The one exception: the article's standalone example, written for readers' own pages. The site
  // shows it as text only (a ?raw import), so no page bundles it; the tests below hold that.
  const example = join(root, 'content', 'examples', 'web-llm-chat.ts');
  const allowed = new Set([join(root, 'playground', 'engine', 'worker.ts'), example]);

  test('the standalone example imports web-llm, and the site reads it only as raw text', () => {
    expect(readFileSync(example, 'utf8')).toMatch(valueImport);
    const importers = files.filter((file) => readFileSync(file, 'utf8').includes('examples/web-llm-chat'));
    expect(importers.map((f) => relative(root, f))).toEqual([join('components', 'article', 'WebLlmExample.astro')]);
    expect(readFileSync(importers[0]!, 'utf8')).toMatch(/from '[^']*examples\/web-llm-chat\.ts\?raw'/);
  });

  test.each(files.filter((file) => !allowed.has(file)).map((f) => [relative(root, f), f]))(
    '%s imports web-llm as types only',
    (_name, file) => {
      expect(readFileSync(file, 'utf8')).not.toMatch(valueImport);
    },
  );
});
