/**
 * Modules that use Node's built-ins (reading tokenizer files from disk at build time, say) must
 * never be imported by code that runs in the browser: Vite would ship a broken stub or fail the
 * build only for the page that happens to import it. The browser's code is everything under
 * src/playground and src/scripts, and every <script> of a component or page; this walks their
 * imports, static and dynamic, including workers started with new URL(…, import.meta.url) or
 * imported as a URL (./worker.ts?worker&url).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const src = join(import.meta.dirname, '../../src');
const allFiles = (readdirSync(src, { recursive: true }) as string[]).map((file) => join(src, file));

const NODE_BUILTIN = new RegExp(
  `(?:from\\s*|import\\(\\s*)['"](?:node:[\\w/]+|${builtinModules.filter((name) => !name.startsWith('_')).join('|')})['"]`,
);
const SPECIFIERS = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)['"](\.{1,2}\/[^'"?]+)(?:\?[^'"]*)?['"]/g;

function importsNodeBuiltins(code: string): boolean {
  return NODE_BUILTIN.test(code);
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The code a file contributes to the browser: a component's <script> blocks, or the whole module. */
function browserCode(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.astro')) return text;
  return [...text.matchAll(/<script\b(?![^>]*is:inline)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('\n');
}

/** Every module reachable from the roots, with the chain that reached it. */
function reachable(roots: readonly string[]): Map<string, string[]> {
  const chains = new Map<string, string[]>();
  const queue = roots.map((root) => [root]);
  while (queue.length > 0) {
    const chain = queue.shift()!;
    const file = chain.at(-1)!;
    if (chains.has(file)) continue;
    chains.set(file, chain);
    const code = chain.length === 1 ? browserCode(file) : readFileSync(file, 'utf8');
    for (const [, specifier] of code.matchAll(SPECIFIERS)) {
      const target = resolveImport(file, specifier!);
      if (target !== undefined && /\.(ts|mjs|js)$/.test(target)) queue.push([...chain, target]);
    }
  }
  return chains;
}

const inBrowserFolders = allFiles.filter(
  (file) => /\.(ts|mjs)$/.test(file) && /^(playground|scripts)\//.test(relative(src, file)),
);
const nodeOnly = allFiles.filter((file) => /\.(ts|mjs)$/.test(file) && importsNodeBuiltins(readFileSync(file, 'utf8')));
const roots = [
  ...inBrowserFolders.filter((file) => !nodeOnly.includes(file)),
  ...allFiles.filter((file) => file.endsWith('.astro')),
];

describe('Node-only modules stay out of browser code', () => {
  test('the scan finds the Node-only modules and follows imports to them', () => {
    expect(inBrowserFolders.length).toBeGreaterThan(100);
    expect(nodeOnly.map((file) => relative(src, file))).toContain(join('playground', 'tokenizer', 'node-files.ts'));
    // Build-time code may use them, and the walk must see that it does.
    const buildTime = reachable([join(src, 'lib', 'built-article-token-cost.ts')]);
    expect([...buildTime.keys()]).toContain(join(src, 'playground', 'tokenizer', 'node-files.ts'));
  });

  test('the walk follows a worker started with new URL(…, import.meta.url) or imported with ?worker&url', () => {
    const fromTokenizer = reachable([join(src, 'playground', 'tokenizer', 'client.ts')]);
    expect([...fromTokenizer.keys()]).toContain(join(src, 'playground', 'tokenizer', 'worker.ts'));
    const fromEngine = reachable([join(src, 'playground', 'engine', 'worker-engine.ts')]);
    expect([...fromEngine.keys()]).toContain(join(src, 'playground', 'engine', 'worker.ts'));
  });

  test('no browser module imports one, directly or through others', () => {
    const offending = [...reachable(roots)]
      .filter(([file]) => nodeOnly.includes(file))
      .map(([, chain]) => chain.map((file) => relative(src, file)).join(' → '));
    expect(offending, 'import chains from browser code to Node-only modules').toEqual([]);
  });
});
