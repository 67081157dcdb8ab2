/**
 * The numbers shown for each tokenizer. "Characters" are what a reader sees as one character
 * (grapheme clusters, Intl.Segmenter, the same in the browser and at build time): a family emoji
 * such as 👨‍👩‍👧‍👦 is one character, though it is 7 Unicode code points and 25 UTF-8 bytes.
 */
import { groupDigits } from '../ui/format.ts';

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

/**
 * Text made only of code points that never join a neighbour into one character: tab and line
 * feed, printable ASCII, Latin-1 and the Latin Extended and IPA blocks, general punctuation and
 * currency (less the zero-width joiner and non-joiner), CJK symbols and punctuation (less the
 * combining tone marks U+302A–302F), CJK ideographs and the fullwidth forms. Every Chinese or
 * English sample is; there a character is a code point, and no segmenter is needed.
 */
const NOTHING_JOINS = /^[\t\n\x20-\x7E\xA0-\u02FF\u2000-\u200B\u200E-\u20CF\u3000-\u3029\u3030-\u303F\u4E00-\u9FFF\uFF01-\uFF60]*$/;

// Made on first need: the first Intl object of a page loads the browser's locale data, 20–40 ms
// of the main thread here (several times that on a phone), which the island's start-up then paid.
let graphemes: Intl.Segmenter | undefined;

function count(items: Iterable<unknown>): number {
  let total = 0;
  for (const _ of items) total++;
  return total;
}

function countCharacters(text: string): number {
  if (NOTHING_JOINS.test(text)) return text.length;
  graphemes ??= new Intl.Segmenter('zh-CN', { granularity: 'grapheme' });
  return count(graphemes.segment(text));
}

export function textLength(text: string): TextLength {
  return { characters: countCharacters(text), codePoints: count(text), bytes: utf8.encode(text).length };
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

/** 12345 → "12,345", as zh-CN writes it (groupDigits: no Intl, for the reason above). */
export function formatInteger(value: number): string {
  return groupDigits(value);
}

export function formatRatio(value: number | null, digits = 2): string {
  return value === null ? '—' : value.toFixed(digits);
}
