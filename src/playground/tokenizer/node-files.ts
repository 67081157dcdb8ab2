/**
 * Build-time (Node) access to the tokenizer files the site serves: the same package files the
 * browser downloads, so the numbers printed in the page are the numbers the island computes.
 * Never imported by browser code.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
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
