/**
 * The numbers shown for each tokenizer. "Characters" are Unicode code points, the same in the
 * browser and at build time; an emoji such as 👨‍👩‍👧 counts as the code points it is made of.
 */
export interface TextStats {
  tokens: number;
  characters: number;
  /** UTF-8 bytes of the text. */
  bytes: number;
  /** null when there are no tokens to divide by. */
  charactersPerToken: number | null;
  bytesPerToken: number | null;
  tokensPerCharacter: number | null;
}

const utf8 = new TextEncoder();

export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function textStats(text: string, tokens: number): TextStats {
  const characters = countCharacters(text);
  const bytes = utf8.encode(text).length;
  return {
    tokens,
    characters,
    bytes,
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

/** 20_507_144 → "20.5 MB" (decimal megabytes, as download sizes are usually given). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${mb >= 10 ? mb.toFixed(1) : mb.toFixed(2)} MB`;
}
