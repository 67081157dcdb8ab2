/**
 * Build-time (Node) access to the tokenizer files the site serves: the same package files the
 * browser downloads, so the numbers printed in the page are the numbers the island computes.
 * Never imported by browser code.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { createTokenizer, type LoadedTokenizer } from './engine.ts';
import { FAMILIES, FAMILY_INFO, type Family, type PerFamily } from './families.ts';

const require = createRequire(import.meta.url);

export function tokenizerJsonPath(family: Family): string {
  return require.resolve(`${FAMILY_INFO[family].packageName}/models/tokenizer.json`);
}

export function tokenizerConfigPath(family: Family): string {
  return require.resolve(`${FAMILY_INFO[family].packageName}/models/tokenizer_config.json`);
}

export interface FileSize {
  bytes: number;
  /** What a host that gzips JSON (most do, GitHub Pages included) actually sends. */
  gzipBytes: number;
}

let sizes: PerFamily<FileSize> | undefined;

export function tokenizerFileSizes(): PerFamily<FileSize> {
  sizes ??= Object.fromEntries(
    FAMILIES.map((family) => {
      const path = tokenizerJsonPath(family);
      return [family, { bytes: statSync(path).size, gzipBytes: gzipSync(readFileSync(path), { level: 6 }).length }];
    }),
  ) as PerFamily<FileSize>;
  return sizes;
}

const tokenizers = new Map<Family, LoadedTokenizer>();

export function loadNodeTokenizer(family: Family): LoadedTokenizer {
  let tokenizer = tokenizers.get(family);
  if (!tokenizer) {
    tokenizer = createTokenizer(JSON.parse(readFileSync(tokenizerJsonPath(family), 'utf8')));
    tokenizers.set(family, tokenizer);
  }
  return tokenizer;
}

/** Hugging Face's Rust tokenizers in WebAssembly (@mlc-ai/web-tokenizers, what web-llm uses). */
export interface WasmTokenizer {
  encode(text: string): Int32Array;
  getVocabSize(): number;
}
export interface WasmTokenizerClass {
  fromJSON(json: ArrayBuffer): Promise<WasmTokenizer>;
}

/** The package is a UMD bundle inside a "type": "module" package, so Node can only run it as CommonJS by hand. */
export function loadWebTokenizers(): WasmTokenizerClass {
  const file = require.resolve('@mlc-ai/web-tokenizers/lib/index.js');
  const module = { exports: {} as { Tokenizer?: WasmTokenizerClass } };
  // It loads its wasm with a dynamic import() in Node, which needs a loader behind it.
  const run = vm.compileFunction(
    readFileSync(file, 'utf8'),
    ['exports', 'module', 'require', '__filename', '__dirname'],
    {
      filename: file,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    },
  );
  run(module.exports, module, require, file, dirname(file));
  if (!module.exports.Tokenizer) throw new Error('@mlc-ai/web-tokenizers did not export Tokenizer');
  return module.exports.Tokenizer;
}
