/// <reference lib="webworker" />
/**
 * A fake engine worker for the chat rendering bench: it speaks the real protocol (protocol.ts),
 * so the bench drives the production path — WorkerChatEngine, AnswerStream, the session and the
 * view — with tokens arriving as worker messages, exactly as web-llm's would, at a chosen rate.
 */

import type { PageToWorker, WorkerToPage } from '../src/playground/engine/protocol';

export interface BenchConfig {
  type: 'bench-config';
  tokens: string[];
  /** Infinity = all at once. */
  tokensPerSecond: number;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
let config: BenchConfig = { type: 'bench-config', tokens: [], tokensPerSecond: Infinity };
const stopped = new Set<number>();

const post = (message: WorkerToPage) => scope.postMessage(message);

function finish(id: number, started: number, sent: number): void {
  const seconds = (performance.now() - started) / 1000;
  post({
    type: 'stream-done',
    id,
    finishReason: stopped.has(id) ? 'abort' : 'stop',
    usage: {
      promptTokens: 20,
      completionTokens: sent,
      prefillTokensPerSecond: 1000,
      decodeTokensPerSecond: sent / Math.max(seconds, 1e-3),
      timeToFirstTokenSeconds: 0.001,
      e2eLatencySeconds: seconds,
    },
  });
}

/**
 * One message per token, as web-llm sends them. Timers in a worker fire every ≥ 4 ms, so each
 * tick sends every token that is due by then; a busy-wait would be more even but would take a
 * whole CPU core away from the main thread being measured.
 */
function stream(id: number): void {
  const { tokens, tokensPerSecond } = config;
  const started = performance.now();
  let sent = 0;
  const tick = () => {
    const due = Number.isFinite(tokensPerSecond)
      ? Math.min(tokens.length, Math.floor(((performance.now() - started) * tokensPerSecond) / 1000) + 1)
      : tokens.length;
    while (sent < due && !stopped.has(id)) post({ type: 'stream-chunk', id, text: tokens[sent++]! });
    if (sent < tokens.length && !stopped.has(id)) setTimeout(tick, 0);
    else finish(id, started, sent);
  };
  tick();
}

scope.onmessage = (event: MessageEvent<PageToWorker | BenchConfig>) => {
  const message = event.data;
  switch (message.type) {
    case 'bench-config':
      config = message;
      return;
    case 'load':
      post({ type: 'progress', id: message.id, progress: { phase: 'other', fraction: 1, text: 'bench' } });
      post({ type: 'reply', id: message.id, call: 'load', value: { modelId: message.modelId } });
      return;
    case 'chat':
      // Yield first so the page's 'stop' for an earlier chat can arrive.
      setTimeout(() => stream(message.id), 0);
      return;
    case 'stop':
      stopped.add(message.chatId);
      return;
    case 'reset-chat':
      post({ type: 'reply', id: message.id, call: 'reset-chat', value: null });
      return;
    case 'unload':
      post({ type: 'reply', id: message.id, call: 'unload', value: null });
      return;
    case 'is-cached':
      post({ type: 'reply', id: message.id, call: 'is-cached', value: false });
      return;
    default:
      post({ type: 'error', id: 'id' in message ? message.id : 0, error: { name: 'Error', message: 'not in the bench', text: 'Error: not in the bench' } });
  }
};
