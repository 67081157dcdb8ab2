/** What the tokenizer demo counts: characters as a reader sees them, with code points and bytes beside them. */
import { describe, expect, test } from 'vitest';
import { formatInteger, textLength, textStats } from '../../src/playground/tokenizer/stats';
import { PRESETS } from '../../src/playground/tokenizer/presets';
import { lengthSentence } from '../../src/playground/tokenizer/summary';

// 𠮷 (outside the BMP), 🍜, and a family emoji joined by three zero-width joiners: 10 characters
// on screen, 16 code points.
const MIXED = '𠮷野家的🍜很好吃👨‍👩‍👧‍👦！';

describe('text length', () => {
  test('counts what a reader sees as characters, not code points or UTF-16 units', () => {
    expect(textLength(MIXED)).toEqual({ characters: 10, codePoints: 16, bytes: 54 });
    expect(MIXED.length).toBe(22);
  });

  test('a flag, a skin tone and a combining accent are one character each', () => {
    expect(textLength('🇨🇳👍🏽e\u0301')).toEqual({ characters: 3, codePoints: 6, bytes: 8 + 8 + 3 });
    expect(textLength('')).toEqual({ characters: 0, codePoints: 0, bytes: 0 });
  });

  test('ratios per token use visible characters', () => {
    const stats = textStats(MIXED, 5);
    expect(stats).toMatchObject({ tokens: 5, characters: 10, codePoints: 16, bytes: 54 });
    expect(stats.charactersPerToken).toBe(2);
    expect(stats.tokensPerCharacter).toBe(0.5);
    expect(stats.bytesPerToken).toBeCloseTo(10.8);
    expect(textStats('', 0)).toMatchObject({ charactersPerToken: null, bytesPerToken: null, tokensPerCharacter: null });
  });
});

describe('the length line under the text box', () => {
  test('names code points only where they differ from characters', () => {
    expect(lengthSentence(textLength(MIXED))).toBe('10 个字符（16 个 Unicode 码位，UTF-8 编码 54 字节）');
    expect(lengthSentence(textLength('通义千问'))).toBe('4 个字符（UTF-8 编码 12 字节）');
    expect(lengthSentence({ characters: 12345, codePoints: 12345, bytes: 37035 })).toBe('12,345 个字符（UTF-8 编码 37,035 字节）');
  });
});

describe('characters without a segmenter', () => {
  const segmented = (text: string) => [...new Intl.Segmenter('zh-CN', { granularity: 'grapheme' }).segment(text)].length;
  const range = (from: number, to: number) => String.fromCodePoint(...Array.from({ length: to - from + 1 }, (_, i) => from + i));

  test('Chinese and English text, every code point of the blocks that never join, counts as the segmenter does', () => {
    const blocks = [
      '\t\n',
      range(0x20, 0x7e),
      range(0xa0, 0x2ff),
      range(0x2000, 0x200b),
      range(0x200e, 0x20cf),
      range(0x3000, 0x3029),
      range(0x3030, 0x303f),
      range(0x4e00, 0x9fff),
      range(0xff01, 0xff60),
    ].join('');
    expect(textLength(blocks).characters).toBe(segmented(blocks));
    for (const preset of PRESETS) expect(textLength(preset.text).characters).toBe(segmented(preset.text));
  });

  test('the joiners just outside those blocks still join', () => {
    for (const joined of ['a\u200dб', 'e\u0301', '中\u302a', 'か\u3099', 'ｶ\uff9e', '\r\n', '각\u11a8']) {
      expect(textLength(joined).characters).toBe(segmented(joined));
      expect(textLength(joined).characters).toBeLessThan([...joined].length);
    }
  });
});

test('whole numbers are grouped as zh-CN writes them', () => {
  const zh = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
  for (const value of [0, 7, 999, 1000, 12345, 1234567, 98765432.4, 2.5, 1e9]) expect(formatInteger(value)).toBe(zh.format(value));
});
