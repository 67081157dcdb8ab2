/**
 * Byte-level BPE (GPT-2, and so Qwen and Llama 3) stores every token as text in a private alphabet:
 * each of the 256 byte values is given a printable character so the vocabulary stays valid JSON.
 * Turning a token back into bytes is what lets the page show where a token starts and ends inside
 * a Chinese character, which decoding token by token (and getting "�") cannot.
 */

function buildByteToChar(): string[] {
  const printable: number[] = [];
  const push = (from: number, to: number) => {
    for (let b = from; b <= to; b++) printable.push(b);
  };
  push(0x21, 0x7e); // '!'..'~'
  push(0xa1, 0xac); // '¡'..'¬'
  push(0xae, 0xff); // '®'..'ÿ'
  const table: string[] = new Array<string>(256);
  const printableSet = new Set(printable);
  for (const b of printable) table[b] = String.fromCodePoint(b);
  // The remaining bytes (control characters, space, soft hyphen…) are moved past U+00FF in order.
  let next = 0;
  for (let b = 0; b < 256; b++) {
    if (!printableSet.has(b)) table[b] = String.fromCodePoint(256 + next++);
  }
  return table;
}

const BYTE_TO_CHAR = buildByteToChar();
const CHAR_TO_BYTE = new Map(BYTE_TO_CHAR.map((char, byte) => [char, byte]));

/** The token's bytes, or null if it has a character outside the byte-level alphabet. */
export function byteLevelToBytes(token: string): Uint8Array | null {
  const bytes: number[] = [];
  for (const char of token) {
    const byte = CHAR_TO_BYTE.get(char);
    if (byte === undefined) return null;
    bytes.push(byte);
  }
  return Uint8Array.from(bytes);
}

/** The inverse, for tests and for building expected tokens. */
export function bytesToByteLevel(bytes: Iterable<number>): string {
  let out = '';
  for (const byte of bytes) out += BYTE_TO_CHAR[byte & 0xff];
  return out;
}
