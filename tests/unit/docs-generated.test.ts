// Figures in the docs are written by scripts, never by hand: each generated block must be what
// its script writes today (the command to refresh it is in the block's opening comment).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readBlock } from '../../scripts/docs-block.mjs';
import { modelSizesTable, sizesDoc } from '../../scripts/docs-model-sizes.mjs';
import { articleSectionsFromFiles } from '../../src/lib/article-files';
import { createTokenizer } from '../../src/playground/tokenizer/engine';
import { tokenizerJsonPath } from '../../src/playground/tokenizer/node-files';

describe('generated blocks in the docs', () => {
  test('docs/self-hosting.md: the download sizes are the catalogue’s (npm run docs:sizes)', async () => {
    expect(readBlock(sizesDoc, 'model-sizes')).toBe(await modelSizesTable());
  });

  test('docs/tokenizers.md: the bench table is of the current article (npm run bench:tokenizers -- --browser --write-docs)', () => {
    const block = readBlock('docs/tokenizers.md', 'tokenizer-speed');
    const text = articleSectionsFromFiles()
      .map((section) => section.text)
      .join('\n\n');
    expect(block).toContain(`${[...text].length.toLocaleString('en-US')} characters`);
    for (const [family, name] of [
      ['qwen', 'Qwen'],
      ['llama', 'Llama 3'],
    ] as const) {
      const tokens = createTokenizer(JSON.parse(readFileSync(tokenizerJsonPath(family), 'utf8'))).encode(text).length;
      const rows = block.split('\n').filter((line) => line.includes(` | ${name} | `));
      expect(rows.length, name).toBeGreaterThanOrEqual(2);
      for (const row of rows) expect(row, name).toContain(` | ${tokens.toLocaleString('en-US')} | `);
    }
    expect(readBlock('docs/tokenizers.md', 'tokenizer-bytes')).toMatch(/tokenizers\.js.*KiB/);
  });
});
