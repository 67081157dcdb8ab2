/**
 * A toy tokenizer for the attention figure — not Qwen's or Llama 3's BPE, whose vocabularies are far
 * too large to ship; it only has to give the heat map readable row and column labels.
 *
 * - Chinese: one character per token. Real BPE vocabularies often merge common character pairs,
 *   but single characters keep the figure predictable and need no vocabulary.
 * - Latin text: one token per word (letters, digits and marks, with inner apostrophes so "don't"
 *   stays whole).
 * - Punctuation, Chinese or Latin, is kept as a token of its own, one mark each: real tokenizers keep
 *   it too, and attention to "，" or "." is part of what the figure can show.
 * - Whitespace only separates tokens.
 */

/** A 12×12 heat map is the largest that stays legible on a phone. */
export const MAX_TOKENS = 12;

export interface Tokenization {
  /** At most the requested maximum, in reading order. */
  readonly tokens: string[];
  /** True when the text had more tokens than the maximum and the rest were dropped. */
  readonly truncated: boolean;
  /** How many tokens the whole text has, so a view can say "first 12 of 17". */
  readonly totalTokens: number;
}

const HAN = String.raw`\p{Script=Han}`;
const WORD_CHAR = String.raw`(?:(?!${HAN})[\p{L}\p{N}\p{M}])`;
const WORD = String.raw`${WORD_CHAR}+(?:['’]${WORD_CHAR}+)*`;
// Han first: Han characters are also \p{L}, and must not be swallowed into a word.
const TOKEN = new RegExp(String.raw`${HAN}|${WORD}|[^\s\p{L}\p{N}\p{M}]`, 'gu');

/** Splits `text` into at most `maxTokens` tokens, flagging (not throwing) when more were dropped. */
export function tokenize(text: string, maxTokens: number = MAX_TOKENS): Tokenization {
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new RangeError(`maxTokens must be a positive integer, got ${maxTokens}`);
  }
  const all = text.match(TOKEN) ?? [];
  return { tokens: all.slice(0, maxTokens), truncated: all.length > maxTokens, totalTokens: all.length };
}
