/**
 * Groups tokens into what the reader can see. A byte-level token may end inside a character (a
 * Chinese character is 3 UTF-8 bytes, an emoji 4); decoding such a token alone gives "�". So
 * tokens are gathered until their bytes end on a character boundary, and shown as one unit that is
 * marked as made of partial bytes, with every id it holds.
 */
import type { Token } from './engine.ts';

export interface TokenPiece {
  id: number;
  /** The bytes of this one token, as two-digit hex ("e4 bd"), for the unit's description. */
  hex: string;
}

export interface TokenUnit {
  /** What the unit's bytes decode to; never contains a replacement character it did not get. */
  text: string;
  pieces: TokenPiece[];
  /** More than one token shares a character here (a character was split across tokens). */
  partial: boolean;
  special: boolean;
  /** Bytes that never completed a character (only possible for text cut off mid-character). */
  incomplete: boolean;
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

/** How many bytes are still missing for the last character of `bytes` to be whole (0 = aligned). */
export function missingUtf8Bytes(bytes: readonly number[] | Uint8Array): number {
  let missing = 0;
  for (const byte of bytes) {
    if (missing > 0 && (byte & 0xc0) === 0x80) {
      missing--;
      continue;
    }
    // A lead byte (or a stray byte, counted as a whole character so grouping always ends).
    if (byte >= 0xf0 && byte <= 0xf7) missing = 3;
    else if (byte >= 0xe0) missing = byte <= 0xef ? 2 : 0;
    else if (byte >= 0xc2) missing = 1;
    else missing = 0;
  }
  return missing;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUnit(bytes: number[]): { text: string; incomplete: boolean } {
  try {
    return { text: strictUtf8.decode(Uint8Array.from(bytes)), incomplete: false };
  } catch {
    // Show the bytes themselves rather than a replacement character.
    return { text: bytes.map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join(''), incomplete: true };
  }
}

export function groupTokens(tokens: readonly Token[]): TokenUnit[] {
  const units: TokenUnit[] = [];
  let pending: Token[] = [];
  let pendingBytes: number[] = [];

  const flush = () => {
    if (!pending.length) return;
    const { text, incomplete } = decodeUnit(pendingBytes);
    units.push({
      text,
      pieces: pending.map((token) => ({ id: token.id, hex: toHex(token.bytes) })),
      partial: pending.length > 1 || incomplete,
      special: false,
      incomplete,
    });
    pending = [];
    pendingBytes = [];
  };

  for (const token of tokens) {
    if (token.special) {
      flush();
      units.push({
        text: new TextDecoder().decode(token.bytes),
        pieces: [{ id: token.id, hex: toHex(token.bytes) }],
        partial: false,
        special: true,
        incomplete: false,
      });
      continue;
    }
    pending.push(token);
    for (const byte of token.bytes) pendingBytes.push(byte);
    if (missingUtf8Bytes(pendingBytes) === 0) flush();
  }
  flush();
  return units;
}

/** Ids of every token in order, flattened back out of the units. */
export function unitIds(units: readonly TokenUnit[]): number[] {
  return units.flatMap((unit) => unit.pieces.map((piece) => piece.id));
}
