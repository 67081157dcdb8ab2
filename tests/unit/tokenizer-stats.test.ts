/** What the tokenizer demo counts: characters as a reader sees them, with code points and bytes beside them. */
import { describe, expect, test } from 'vitest';
import { textLength, textStats } from '../../src/playground/tokenizer/stats';
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
