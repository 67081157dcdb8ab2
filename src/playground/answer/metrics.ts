/**
 * Per-answer numbers for the reader: how long until the first token, how fast the model read the
 * prompt and wrote the answer.
 *
 * Token figures come from web-llm's usage (measured inside the worker, so they exclude message
 * passing). Characters are counted in Unicode code points, not UTF-16 units: "𠮷" and "😀" are
 * one character each, as a reader would count them.
 */

import type { ChatUsage } from '../engine/chat-engine';

/** Page-side clock readings (performance.now(), ms) around one answer. All optional. */
export interface AnswerTiming {
  requestedAtMs?: number;
  firstTextAtMs?: number;
  finishedAtMs?: number;
}

export interface AnswerMetrics {
  promptTokens: number;
  completionTokens: number;
  /** web-llm's figure: request received → first token (mostly prefill). */
  timeToFirstTokenSeconds: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  e2eLatencySeconds: number;
  /** Code points in the answer. */
  characters: number;
  /**
   * Code points per second of writing time (first text → end). Uses the page clock when given,
   * else web-llm's e2e latency minus its time to first token. null when no writing time elapsed.
   */
  charactersPerSecond: number | null;
  /** What the reader actually waited, page clock; null without timing. */
  observedTimeToFirstTextSeconds: number | null;
}

export function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function answerMetrics(usage: ChatUsage, answerText: string, timing: AnswerTiming = {}): AnswerMetrics {
  const characters = countCodePoints(answerText);
  const { requestedAtMs, firstTextAtMs, finishedAtMs } = timing;

  const writingSeconds =
    firstTextAtMs !== undefined && finishedAtMs !== undefined
      ? (finishedAtMs - firstTextAtMs) / 1000
      : usage.e2eLatencySeconds - usage.timeToFirstTokenSeconds;

  return {
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    timeToFirstTokenSeconds: usage.timeToFirstTokenSeconds,
    prefillTokensPerSecond: usage.prefillTokensPerSecond,
    decodeTokensPerSecond: usage.decodeTokensPerSecond,
    e2eLatencySeconds: usage.e2eLatencySeconds,
    characters,
    charactersPerSecond: writingSeconds > 0 ? characters / writingSeconds : null,
    observedTimeToFirstTextSeconds:
      requestedAtMs !== undefined && firstTextAtMs !== undefined
        ? (firstTextAtMs - requestedAtMs) / 1000
        : null,
  };
}
