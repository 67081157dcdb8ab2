import { describe, expect, test } from 'vitest';
import { MAX_TOKENS, tokenize } from '../../src/playground/attention/tokenizer';

describe('figure tokenizer', () => {
  test('Chinese: one character per token, punctuation kept as its own token', () => {
    expect(tokenize('猫坐在垫子上。')).toEqual({
      tokens: ['猫', '坐', '在', '垫', '子', '上', '。'],
      truncated: false,
      totalTokens: 7,
    });
    expect(tokenize('你好，世界！').tokens).toEqual(['你', '好', '，', '世', '界', '！']);
  });

  test('Latin: words and punctuation, whitespace dropped, inner apostrophes kept', () => {
    expect(tokenize('The cat sat on the mat.').tokens).toEqual(['The', 'cat', 'sat', 'on', 'the', 'mat', '.']);
    expect(tokenize("Don't  stop, it's fine!").tokens).toEqual(["Don't", 'stop', ',', "it's", 'fine', '!']);
    expect(tokenize('café naïve').tokens).toEqual(['café', 'naïve']);
  });

  test('mixed text splits Chinese characters out of adjacent Latin words', () => {
    expect(tokenize('Qwen比Llama 3好吗？').tokens).toEqual(['Qwen', '比', 'Llama', '3', '好', '吗', '？']);
  });

  test(`more than ${MAX_TOKENS} tokens are truncated and flagged`, () => {
    const text = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen';
    const result = tokenize(text);
    expect(result.tokens).toHaveLength(12);
    expect(result.tokens.at(-1)).toBe('twelve');
    expect(result.truncated).toBe(true);
    expect(result.totalTokens).toBe(14);
  });

  test('exactly the maximum is not flagged', () => {
    const result = tokenize('一二三四五六七八九十百千');
    expect(result.tokens).toHaveLength(12);
    expect(result.truncated).toBe(false);
  });

  test('a custom limit applies, and a non-positive one is rejected', () => {
    expect(tokenize('a b c', 2)).toEqual({ tokens: ['a', 'b'], truncated: true, totalTokens: 3 });
    expect(() => tokenize('a', 0)).toThrow(/maxTokens/);
  });

  test('blank text gives no tokens', () => {
    expect(tokenize('  \n ')).toEqual({ tokens: [], truncated: false, totalTokens: 0 });
  });
});
