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

describe('layering: the chat and the arena share through ui/ and session/', () => {
  // The arena runs a chat session per side and shows the chat's fields, errors and progress. Those
  // parts live in playground/ui/ (views, CSS) and playground/session/ (the DOM-free session), so
  // either island can change without reaching into the other's folder.
  const playground = join(import.meta.dirname, '../../src/playground');
  const importSpecifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"?]+)/g;
  const importsOf = (folder: string) =>
    (readdirSync(join(playground, folder), { recursive: true }) as string[])
      .filter((file) => /\.(ts|mjs)$/.test(file))
      .flatMap((file) => {
        const path = join(playground, folder, file);
        return [...readFileSync(path, 'utf8').matchAll(importSpecifier)].map(([, specifier]) => ({
          from: relative(playground, path),
          to: relative(playground, join(path, '..', specifier!)),
        }));
      });
  const into = (folder: string) => (edge: { to: string }) => edge.to.startsWith(`${folder}/`);

  test('the scan sees the arena use the shared parts', () => {
    const arena = importsOf('arena');
    expect(arena.filter(into('ui')).length).toBeGreaterThan(5);
    expect(arena.filter(into('session')).length).toBeGreaterThan(0);
  });

  test('arena/ imports nothing from chat/, and chat/ nothing from arena/', () => {
    expect(importsOf('arena').filter(into('chat'))).toEqual([]);
    expect(importsOf('chat').filter(into('arena'))).toEqual([]);
  });

  test('ui/ and session/ import from neither island', () => {
    const shared = [...importsOf('ui'), ...importsOf('session')];
    expect(shared.length).toBeGreaterThan(10);
    expect(shared.filter((edge) => into('chat')(edge) || into('arena')(edge))).toEqual([]);
  });
});

describe('layering: the model families are listed once', () => {
  // Content, charts, summary, builds, arena and tokenizers all speak of Qwen and Llama; a second
  // list or spelling ('llama3' beside 'llama') drifts. src/lib/model-families.ts is the one list.
  const src = join(import.meta.dirname, '../../src');
  const definition = join(src, 'lib', 'model-families.ts');
  const files = (readdirSync(src, { recursive: true }) as string[])
    .filter((file) => /\.(ts|mjs|astro)$/.test(file))
    .map((file) => join(src, file));
  const familyList = /'qwen'\s*\|\s*'llama3?'|'llama3?'\s*\|\s*'qwen'|\[\s*'qwen',\s*'llama3?'\s*\]|\[\s*'llama3?',\s*'qwen'\s*\]|\bllama3:/;

  test('the definition is the list', () => {
    expect(readFileSync(definition, 'utf8')).toMatch(familyList);
  });

  test('no other source file lists or spells them', () => {
    const offending = files.filter((file) => file !== definition && familyList.test(readFileSync(file, 'utf8')));
    expect(offending.map((file) => relative(src, file))).toEqual([]);
  });
});
