// Grouping tokens into what the page draws: a character split across byte-level tokens becomes one
// unit carrying every id, marked as partial bytes, and nothing is ever drawn as "�".
import { describe, expect, test } from 'vitest';
import { bytesToByteLevel, byteLevelToBytes } from '../../src/playground/tokenizer/byte-level';
import { displaySegments, spokenText } from '../../src/playground/tokenizer/display-text';
import type { Token } from '../../src/playground/tokenizer/engine';
import { groupTokens, missingUtf8Bytes, unitIds } from '../../src/playground/tokenizer/token-spans';

const utf8 = (text: string) => Array.from(new TextEncoder().encode(text));
let nextId = 1000;
const token = (bytes: number[], special = false): Token => ({ id: nextId++, bytes: Uint8Array.from(bytes), special });
const tokensOf = (...texts: string[]) => texts.map((text) => token(utf8(text)));

describe('groupTokens', () => {
  test('tokens that end on character boundaries stay one unit each', () => {
    const units = groupTokens(tokensOf('你好', '，', ' world', '!'));
    expect(units.map((unit) => unit.text)).toEqual(['你好', '，', ' world', '!']);
    expect(units.every((unit) => !unit.partial && unit.pieces.length === 1)).toBe(true);
  });

  test('a Chinese character cut across tokens is one unit with both ids, marked partial', () => {
    const [a, b, c] = utf8('通'); // e9 80 9a
    const tokens = [token([a!, b!]), token([c!]), token(utf8('义'))];
    const units = groupTokens(tokens);
    expect(units).toHaveLength(2);
    expect(units[0]).toMatchObject({ text: '通', partial: true, special: false, incomplete: false });
    expect(units[0]!.pieces).toEqual([
      { id: tokens[0]!.id, hex: 'e9 80' },
      { id: tokens[1]!.id, hex: '9a' },
    ]);
    expect(units[1]).toMatchObject({ text: '义', partial: false });
  });

  test('a token that ends inside one character and starts inside another chains the group', () => {
    const bytes = utf8('你好'); // e4 bd a0 e5 a5 bd
    const units = groupTokens([token(bytes.slice(0, 2)), token(bytes.slice(2, 4)), token(bytes.slice(4))]);
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ text: '你好', partial: true });
    expect(units[0]!.pieces).toHaveLength(3);
  });

  test('a four-byte emoji split into single bytes is one unit', () => {
    const units = groupTokens(utf8('😄').map((byte) => token([byte])));
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ text: '😄', partial: true });
    expect(units[0]!.pieces.map((piece) => piece.hex)).toEqual(['f0', '9f', '98', '84']);
  });

  test('special tokens are their own units and close any open group', () => {
    const units = groupTokens([token(utf8('<|im_start|>'), true), ...tokensOf('user', '\n')]);
    expect(units.map((unit) => [unit.text, unit.special])).toEqual([
      ['<|im_start|>', true],
      ['user', false],
      ['\n', false],
    ]);
  });

  test('bytes that never complete a character are shown as escapes, never "�"', () => {
    const [a, b] = utf8('你');
    const units = groupTokens([...tokensOf('ab'), token([a!, b!])]);
    expect(units[1]).toMatchObject({ text: '\\xe4\\xbd', incomplete: true, partial: true });
    for (const unit of units) expect(unit.text).not.toContain('\uFFFD');
  });

  test('a stray continuation byte cannot swallow the rest of the text', () => {
    const units = groupTokens([token([0x80]), ...tokensOf('a', 'b')]);
    expect(units.map((unit) => unit.text)).toEqual(['\\x80', 'a', 'b']);
  });

  test('ids come back out in order', () => {
    const tokens = [token([0xe4]), token([0xbd, 0xa0]), token(utf8('x'), false), token(utf8('<|eot_id|>'), true)];
    expect(unitIds(groupTokens(tokens))).toEqual(tokens.map((t) => t.id));
  });

  test('no tokens, no units', () => {
    expect(groupTokens([])).toEqual([]);
  });
});

describe('missingUtf8Bytes', () => {
  test.each([
    [[], 0],
    [utf8('a'), 0],
    [[0xe4], 2],
    [[0xe4, 0xbd], 1],
    [utf8('你'), 0],
    [[0xf0, 0x9f], 2],
    [[0xc3], 1],
    [[...utf8('好'), 0xe4], 2],
  ])('%j → %i', (bytes, missing) => {
    expect(missingUtf8Bytes(bytes)).toBe(missing);
  });
});

describe('byte-level alphabet', () => {
  test('round-trips every byte', () => {
    const all = Array.from({ length: 256 }, (_, i) => i);
    expect(Array.from(byteLevelToBytes(bytesToByteLevel(all))!)).toEqual(all);
  });

  test('uses GPT-2’s mapping: space is Ġ, newline is Ċ, printable ASCII is itself', () => {
    expect(bytesToByteLevel(utf8(' the\n'))).toBe('ĠtheĊ');
    expect(bytesToByteLevel(utf8('你'))).toBe('ä½ł');
    expect(byteLevelToBytes('ä½ł')).toEqual(Uint8Array.from(utf8('你')));
  });

  test('text outside the alphabet is rejected, not guessed', () => {
    expect(byteLevelToBytes('你')).toBeNull();
  });
});

describe('display of whitespace inside tokens', () => {
  test('spaces, tabs and newlines get visible marks; other text is untouched', () => {
    expect(displaySegments(' a\tb\n')).toEqual([
      { kind: 'space', text: ' ', mark: '·' },
      { kind: 'text', text: 'a' },
      { kind: 'tab', text: '\t', mark: '→' },
      { kind: 'text', text: 'b' },
      { kind: 'newline', text: '\n', mark: '↵' },
    ]);
    expect(displaySegments('<img src=x>')).toEqual([
      { kind: 'text', text: '<img' },
      { kind: 'space', text: ' ', mark: '·' },
      { kind: 'text', text: 'src=x>' },
    ]);
  });

  test('whitespace-only tokens are spelled out for screen readers', () => {
    expect(spokenText('\n\n')).toBe('换行 换行');
    expect(spokenText(' 你')).toBe(' 你');
  });
});
