import { describe, expect, test } from 'vitest';
import { Utf8SafeAssembler } from '../../src/playground/answer/text-stream';

const FFFD = '\uFFFD';

function run(deltas: string[]) {
  const assembler = new Utf8SafeAssembler();
  const emitted = deltas.map((d) => assembler.push(d));
  const tail = assembler.finish();
  return { emitted, tail, text: assembler.text, shown: emitted.join('') + tail };
}

describe('Utf8SafeAssembler', () => {
  test('plain text passes straight through', () => {
    const { emitted, text } = run(['Hello', ', ', 'world']);
    expect(emitted).toEqual(['Hello', ', ', 'world']);
    expect(text).toBe('Hello, world');
  });

  test('a Chinese character split across deltas is held, then shown once complete', () => {
    // "你好世界": 世 (3 UTF-8 bytes) arrives first as a placeholder, then whole.
    const { emitted, shown } = run(['你好' + FFFD, '世界']);
    expect(emitted).toEqual(['你好', '世界']);
    expect(shown).toBe('你好世界');
    expect(shown).not.toContain(FFFD);
  });

  test('several placeholders, over several deltas, for one character', () => {
    const { emitted, shown } = run(['答案：' + FFFD, FFFD + FFFD, '中文。']);
    expect(emitted).toEqual(['答案：', '', '中文。']);
    expect(shown).toBe('答案：中文。');
  });

  test('an emoji split between the two halves of its surrogate pair', () => {
    const smile = '😀';
    const { emitted, shown } = run(['Hi ' + smile[0], smile[1] + '!']);
    expect(emitted).toEqual(['Hi ', smile + '!']);
    expect(shown).toBe('Hi 😀!');
  });

  test('𠮷 (outside the BMP) split the same way', () => {
    const kanji = '𠮷';
    const { shown, emitted } = run(['吉野家の' + kanji[0], kanji[1]!]);
    expect(emitted[0]).toBe('吉野家の');
    expect(shown).toBe('吉野家の𠮷');
  });

  test('an emoji delivered as a placeholder first, then whole', () => {
    const { shown } = run(['好的' + FFFD, '👍']);
    expect(shown).toBe('好的👍');
  });

  test('a stream ending on a dangling placeholder drops it rather than showing "�"', () => {
    const { shown, text, tail } = run(['这是被截断的回答' + FFFD]);
    expect(tail).toBe('');
    expect(shown).toBe('这是被截断的回答');
    expect(text).toBe('这是被截断的回答');
  });

  test('a stream ending on a lone high surrogate drops it', () => {
    const { shown } = run(['Bye ', '😀'[0]!]);
    expect(shown).toBe('Bye ');
  });

  test('a replacement character in the middle of a delta is real output and kept', () => {
    const { shown } = run([`bad ${FFFD} byte`, ' here']);
    expect(shown).toBe(`bad ${FFFD} byte here`);
  });

  test('empty deltas are harmless', () => {
    const { emitted, shown } = run(['', '你', '', '好']);
    expect(emitted).toEqual(['', '你', '', '好']);
    expect(shown).toBe('你好');
  });
});
