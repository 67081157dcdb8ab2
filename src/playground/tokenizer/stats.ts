/**
 * The numbers shown for each tokenizer. "Characters" are what a reader sees as one character
 * (grapheme clusters, Intl.Segmenter, the same in the browser and at build time): a family emoji
 * such as 👨‍👩‍👧‍👦 is one character, though it is 7 Unicode code points and 25 UTF-8 bytes.
 */
export interface TextLength {
  /** Visible characters (grapheme clusters). */
  characters: number;
  /** Unicode code points. */
  codePoints: number;
  /** UTF-8 bytes. */
  bytes: number;
}

export interface TextStats extends TextLength {
  tokens: number;
  /** null when there are no tokens to divide by. */
  charactersPerToken: number | null;
  bytesPerToken: number | null;
  tokensPerCharacter: number | null;
}

const utf8 = new TextEncoder();

const graphemes = new Intl.Segmenter('zh-CN', { granularity: 'grapheme' });

function count(items: Iterable<unknown>): number {
  let total = 0;
  for (const _ of items) total++;
  return total;
}

export function textLength(text: string): TextLength {
  return { characters: count(graphemes.segment(text)), codePoints: count(text), bytes: utf8.encode(text).length };
}

export function textStats(text: string, tokens: number): TextStats {
  const length = textLength(text);
  const { characters, bytes } = length;
  return {
    tokens,
    ...length,
    charactersPerToken: tokens ? characters / tokens : null,
    bytesPerToken: tokens ? bytes / tokens : null,
    tokensPerCharacter: characters ? tokens / characters : null,
  };
}

const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

export function formatInteger(value: number): string {
  return integer.format(value);
}

export function formatRatio(value: number | null, digits = 2): string {
  return value === null ? '—' : value.toFixed(digits);
}
