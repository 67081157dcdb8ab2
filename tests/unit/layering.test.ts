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
  const worker = join(root, 'playground', 'engine', 'worker.ts');
  const valueImport = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^;]*?from\s*['"]@mlc-ai\/web-llm['"]|import\(\s*['"]@mlc-ai\/web-llm['"]/;

  test('the scan sees the worker and its value import', () => {
    expect(files).toContain(worker);
    expect(readFileSync(worker, 'utf8')).toMatch(valueImport);
  });

  // The one exception: the article's standalone example, written for readers' own pages. The site
  // shows it as text only (a ?raw import), so no page bundles it; the tests below hold that.
  const example = join(root, 'content', 'examples', 'web-llm-chat.ts');
  const allowed = new Set([worker, example]);

  test('the standalone example imports web-llm, and the site reads it only as raw text', () => {
    expect(readFileSync(example, 'utf8')).toMatch(valueImport);
    const importers = files.filter((file) => readFileSync(file, 'utf8').includes('examples/web-llm-chat'));
    expect(importers.map((f) => relative(root, f))).toEqual([join('components', 'article', 'WebLlmExample.astro')]);
    expect(readFileSync(importers[0]!, 'utf8')).toMatch(/from '[^']*examples\/web-llm-chat\.ts\?raw'/);
  });

  test('no other source file imports web-llm as a value', () => {
    const others = files.filter((file) => !allowed.has(file));
    // The whole playground at least, so an empty scan cannot pass.
    expect(others.length).toBeGreaterThan(50);
    const offending = others.filter((file) => valueImport.test(readFileSync(file, 'utf8'))).map((file) => relative(root, file));
    expect(offending, 'files that import web-llm values outside the worker').toEqual([]);
  });
});

describe('layering: scripts stand on their own', () => {
  // Maintainers run scripts/ (serve, bench, models:mirror) on a checkout without the test suite in
  // mind; code both need lives in scripts/ or src/ and the tests import it from there.
  const scripts = join(import.meta.dirname, '../../scripts');
  const files = (readdirSync(scripts, { recursive: true }) as string[])
    .filter((file) => /\.(m?js|ts)$/.test(file))
    .map((file) => join(scripts, file));

  test('no script imports from tests/', () => {
    expect(files.length).toBeGreaterThan(10);
    const importsTests = /(?:from\s*|import\(\s*)['"][^'"]*\/tests\//;
    const offending = files.filter((file) => importsTests.test(readFileSync(file, 'utf8'))).map((file) => relative(scripts, file));
    expect(offending, 'scripts that import test code').toEqual([]);
  });
});
