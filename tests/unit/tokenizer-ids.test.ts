// The island's tokenizer (tokenizers.js, via src/playground/tokenizer/engine.ts) must give exactly
// the ids of a second, independent implementation reading the same tokenizer.json: Hugging Face's
// Rust tokenizers compiled to WebAssembly (@mlc-ai/web-tokenizers, what web-llm uses). A few ids are
// also pinned as literals, so a change that moved both implementations the same way still fails.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { FAMILIES, type Family } from '../../src/playground/tokenizer/families';
import { loadNodeTokenizer, loadWebTokenizers, tokenizerJsonPath, type WasmTokenizer } from '../../src/playground/tokenizer/node-files';
import { articleSectionsFromFiles, readWholeArticle } from '../../src/lib/article-files';
import { PRESETS } from '../../src/playground/tokenizer/presets';
import { tokenizeForView } from '../../src/playground/tokenizer/tokenize-text';
import { unitIds } from '../../src/playground/tokenizer/token-spans';

const sections = articleSectionsFromFiles();

const CASES: Record<string, string> = {
  chinese: '阿里通义千问和Llama 3都是大型语言模型系列，但在模型规模、训练数据、应用场景等方面存在差异。',
  rareChinese: '𠀀𪚥龘齉，繁體字與简体字',
  english: 'Qwen and Llama 3 are both families of large language models.',
  code: 'def f(x):\n    return x ** 2  # square\n\n\tprint(f(3))\n',
  emoji: '😀👨‍👩‍👧‍👦🇨🇳 emoji 🧑🏽‍💻 ☀️',
  whitespace: 'a   b\n\n\n  c\t\td     \n \u3000x\r\n',
  numbers: '1234567890 3.14159 2024年4月18日',
  decomposed: 'e\u0301 café naïve',
  chatml: '<|im_start|>system\n你是助手。<|im_end|>\n<|im_start|>user\n你好<|im_end|>\n<|im_start|>assistant\n',
  llama3Chat: '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n你好<|eot_id|>',
  endOfText: 'one<|endoftext|>two<|end_of_text|>three',
  empty: '',
  ...Object.fromEntries(PRESETS.map((preset) => [`preset:${preset.id}`, preset.text])),
  article: readWholeArticle(),
};

const reference = new Map<Family, WasmTokenizer>();

beforeAll(async () => {
  const Tokenizer = loadWebTokenizers();
  for (const family of FAMILIES) {
    const bytes = readFileSync(tokenizerJsonPath(family));
    reference.set(
      family,
      await Tokenizer.fromJSON(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
    );
  }
}, 60_000);

describe.each(FAMILIES)('%s: the island’s ids equal the Rust implementation’s', (family) => {
  test.each(Object.entries(CASES))('%s', (_name, text) => {
    const ours = loadNodeTokenizer(family).encode(text);
    const theirs = Array.from(reference.get(family)!.encode(text));
    expect(ours).toEqual(theirs);
  });

  test('the bytes of the tokens add up to the text (NFC-normalised for Qwen)', () => {
    for (const text of Object.values(CASES)) {
      const expected = family === 'qwen' ? text.normalize('NFC') : text;
      const tokens = loadNodeTokenizer(family).tokenize(text);
      const bytes = Buffer.concat(tokens.map((token) => token.bytes));
      expect(bytes.toString('utf8')).toBe(expected);
    }
  });

  test('the units the view draws keep every id, in order, and never show "�"', () => {
    for (const text of Object.values(CASES)) {
      const result = tokenizeForView(loadNodeTokenizer(family), text);
      expect(unitIds(result.units)).toEqual(result.ids);
      for (const unit of result.units) expect(unit.text).not.toContain('\uFFFD');
    }
  });

  test('the article splits into sections whose ids also agree', () => {
    for (const section of sections) {
      expect(loadNodeTokenizer(family).encode(section.text)).toEqual(
        Array.from(reference.get(family)!.encode(section.text)),
      );
    }
  });
});

test('the Chinese preset is still a paragraph of the published article (the English one translates it)', () => {
  const paragraphs = sections.flatMap((section) => section.text.split('\n'));
  expect(paragraphs).toContain(PRESETS.find((preset) => preset.id === 'article-zh')!.text);
});

describe('pinned ids (checked against both implementations and the models’ published special tokens)', () => {
  test('Qwen', () => {
    const qwen = loadNodeTokenizer('qwen');
    expect(qwen.encode('你好')).toEqual([108386]);
    expect(qwen.encode('<|endoftext|>')).toEqual([151643]);
    expect(qwen.encode('<|im_start|>user\n你好<|im_end|>\n<|im_start|>assistant\n')).toEqual([
      151644, 872, 198, 108386, 151645, 198, 151644, 77091, 198,
    ]);
    expect(qwen.encode(CASES.english!)).toEqual([
      48, 16948, 323, 444, 80001, 220, 18, 525, 2176, 8521, 315, 3460, 4128, 4119, 13,
    ]);
    // Qwen splits numbers into single digits.
    expect(qwen.encode('2024')).toEqual([17, 15, 17, 19]);
    expect(qwen.vocabSize).toBe(151_669);
  });

  test('Llama 3', () => {
    const llama = loadNodeTokenizer('llama');
    expect(llama.encode('<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n你好<|eot_id|>')).toEqual([
      128000, 128006, 882, 128007, 271, 57668, 53901, 128009,
    ]);
    expect(llama.encode(CASES.english!)).toEqual([
      48, 17378, 323, 445, 81101, 220, 18, 527, 2225, 8689, 315, 3544, 4221, 4211, 13,
    ]);
    // Llama 3 groups digits in threes; ChatML markers are plain text to it.
    expect(llama.encode('1234567890')).toEqual([4513, 10961, 16474, 15]);
    expect(llama.encode('<|im_start|>')).toEqual([27, 91, 318, 5011, 91, 29]);
    expect(llama.vocabSize).toBe(128_256);
  });

  test('the two vocabularies are the sizes the Rust implementation reports', () => {
    for (const family of FAMILIES)
      expect(loadNodeTokenizer(family).vocabSize).toBe(reference.get(family)!.getVocabSize());
  });
});
