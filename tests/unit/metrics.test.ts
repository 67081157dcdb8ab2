import { describe, expect, test } from 'vitest';
import { answerMetrics, countCodePoints } from '../../src/playground/answer/metrics';
import type { ChatUsage } from '../../src/playground/engine/chat-engine';

const usage: ChatUsage = {
  promptTokens: 120,
  completionTokens: 50,
  prefillTokensPerSecond: 400,
  decodeTokensPerSecond: 25,
  timeToFirstTokenSeconds: 0.3,
  e2eLatencySeconds: 2.3,
};

describe('countCodePoints', () => {
  test('counts characters as a reader does', () => {
    expect(countCodePoints('𠮷')).toBe(1);
    expect('𠮷'.length).toBe(2);
    expect(countCodePoints('😀')).toBe(1);
    expect(countCodePoints('你好，world')).toBe(8);
    expect(countCodePoints('')).toBe(0);
  });
});

describe('answerMetrics', () => {
  test('copies the token figures from usage', () => {
    const m = answerMetrics(usage, 'abc');
    expect(m).toMatchObject({
      promptTokens: 120,
      completionTokens: 50,
      timeToFirstTokenSeconds: 0.3,
      prefillTokensPerSecond: 400,
      decodeTokensPerSecond: 25,
      e2eLatencySeconds: 2.3,
      observedTimeToFirstTextSeconds: null,
    });
  });

  test('characters per second counts code points over writing time (e2e − TTFT)', () => {
    // 4 code points ("𠮷😀好!" is 6 UTF-16 units) over 2.0 s of writing.
    const m = answerMetrics(usage, '𠮷😀好!');
    expect(m.characters).toBe(4);
    expect(m.charactersPerSecond).toBeCloseTo(2, 10);
  });

  test('page timing, when given, wins for writing time and gives the observed wait', () => {
    const m = answerMetrics(usage, '😀'.repeat(10), { requestedAtMs: 1000, firstTextAtMs: 1500, finishedAtMs: 3500 });
    expect(m.characters).toBe(10);
    expect(m.charactersPerSecond).toBeCloseTo(5, 10);
    expect(m.observedTimeToFirstTextSeconds).toBeCloseTo(0.5, 10);
  });

  test('no writing time: characters per second is null, not Infinity', () => {
    const m = answerMetrics({ ...usage, e2eLatencySeconds: 0.3 }, 'x');
    expect(m.charactersPerSecond).toBeNull();
  });
});
