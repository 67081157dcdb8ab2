/**
 * The tokenizer island's state machine without a DOM or a worker: loading only when asked, the
 * pause after typing, only the latest answer shown, and 重试 after a failed load or tokenization.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { TokenizerLoadError, type LoadProgress, type TokenizerClient } from '../../src/playground/tokenizer/client';
import type { PerFamily } from '../../src/playground/tokenizer/families';
import type { Tokenized } from '../../src/playground/tokenizer/protocol';
import { comparisonSentence } from '../../src/playground/tokenizer/summary';
import { TokenizerSession, TYPING_PAUSE_MS } from '../../src/playground/tokenizer/tokenizer-session';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

/** One token per character, so counts are easy to check. */
const tokensOf = (text: string): Tokenized => ({ ids: [...text].map((_, i) => i), units: [], specialCount: 0 });

/** A client whose loads the test settles by hand; tokenize answers at once unless told to wait. */
class FakeClient implements TokenizerClient {
  loads: Deferred<void>[] = [];
  progress: ((progress: LoadProgress) => void) | null = null;
  tokenized: PerFamily<string>[] = [];
  cancelled = 0;
  /** When set, the next tokenize waits for this. */
  hold: Deferred<void> | null = null;
  failNext: Error | null = null;

  isReady(): boolean {
    return false;
  }

  load(onProgress: (progress: LoadProgress) => void): Promise<void> {
    this.progress = onProgress;
    const load = deferred<void>();
    this.loads.push(load);
    return load.promise;
  }

  cancel(): void {
    this.cancelled++;
    this.loads.at(-1)?.reject(new TokenizerLoadError('download', 'aborted', null, 'cancelled'));
  }

  async tokenize(inputs: PerFamily<string>): Promise<PerFamily<Tokenized>> {
    this.tokenized.push(inputs);
    const hold = this.hold;
    this.hold = null;
    if (hold) await hold.promise;
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    return { qwen: tokensOf(inputs.qwen), llama: tokensOf(inputs.llama) };
  }
}

function setup(text = '你好') {
  const client = new FakeClient();
  let created = 0;
  const session = new TokenizerSession({
    createClient: () => {
      created++;
      return client;
    },
    text,
    view: 'spans',
    offline: () => false,
  });
  return { client, session, created: () => created };
}

/** Loads and lets the first tokenization through. */
async function ready(text = '你好') {
  const context = setup(text);
  context.session.load();
  context.client.loads[0]!.resolve();
  await vi.runAllTimersAsync();
  expect(context.session.getState().status).toBe('ready');
  return context;
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('TokenizerSession', () => {
  test('nothing is downloaded until asked; loading reports progress, then tokenizes the text', async () => {
    const { client, session, created } = setup('Hello');
    expect(created()).toBe(0);
    session.load();
    session.load();
    expect(created()).toBe(1);
    expect(client.loads).toHaveLength(1);
    client.progress!({ phase: 'download', receivedBytes: 5, totalBytes: 10 });
    expect(session.getState()).toMatchObject({ status: 'loading', progress: { receivedBytes: 5 } });
    client.loads[0]!.resolve();
    await vi.runAllTimersAsync();
    const state = session.getState();
    expect(state).toMatchObject({ status: 'ready', progress: null, error: null });
    expect(state.result).toMatchObject({ text: 'Hello', view: 'spans', summary: comparisonSentence(5, 5), chat: null });
  });

  test('the first change of the text starts loading', () => {
    const { client, session } = setup();
    session.setText('新的文字');
    expect(session.getState()).toMatchObject({ status: 'loading', text: '新的文字' });
    expect(client.loads).toHaveLength(1);
  });

  test('typing waits for a pause: only the last text is tokenized', async () => {
    const { client, session } = await ready();
    client.tokenized = [];
    session.setText('a');
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS - 1);
    session.setText('ab');
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS - 1);
    expect(client.tokenized).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(client.tokenized).toEqual([{ qwen: 'ab', llama: 'ab' }]);
    expect(session.getState().result?.text).toBe('ab');
  });

  test('a slower, older answer never overwrites a newer one', async () => {
    const { client, session } = await ready();
    const slow = deferred<void>();
    client.hold = slow;
    session.setText('old');
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    session.setView('ids');
    await vi.advanceTimersByTimeAsync(0);
    expect(session.getState().result).toMatchObject({ text: 'old', view: 'ids' });
    slow.resolve();
    await vi.runAllTimersAsync();
    expect(session.getState().result).toMatchObject({ text: 'old', view: 'ids' });
  });

  test('the chat-template view tokenizes the sample conversation once', async () => {
    const { client, session } = await ready();
    session.setView('chat');
    await vi.runAllTimersAsync();
    session.setView('spans');
    await vi.runAllTimersAsync();
    session.setView('chat');
    await vi.runAllTimersAsync();
    const conversations = client.tokenized.filter((inputs) => inputs.qwen !== inputs.llama);
    expect(conversations).toHaveLength(1);
    expect(session.getState().result?.chat).not.toBeNull();
  });

  test('a cancelled load says so in Chinese, and 重试 loads with the same client', async () => {
    const { client, session, created } = setup();
    session.load();
    session.cancel();
    await vi.runAllTimersAsync();
    expect(client.cancelled).toBe(1);
    expect(session.getState()).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/^已取消下载分词器/) } });
    session.load();
    client.loads[1]!.resolve();
    await vi.runAllTimersAsync();
    expect(created()).toBe(1);
    expect(session.getState()).toMatchObject({ status: 'ready', error: null });
  });

  test('offline, a failed download says the files need a connection', async () => {
    const client = new FakeClient();
    const session = new TokenizerSession({ createClient: () => client, text: 'x', view: 'spans', offline: () => true });
    session.load();
    client.loads[0]!.reject(new TokenizerLoadError('download', 'Failed to fetch', null, 'network'));
    await vi.runAllTimersAsync();
    expect(session.getState().error?.message).toMatch(/^这台设备现在没有联网/);
  });

  test('a tokenization that fails loses the results; 重试 tokenizes again', async () => {
    const { client, session } = await ready();
    client.failNext = new RangeError('Maximum call stack size exceeded');
    session.setText('boom');
    await vi.runAllTimersAsync();
    expect(session.getState()).toMatchObject({ status: 'failed', result: null, resultLost: true, error: { details: 'Maximum call stack size exceeded' } });
    session.load();
    client.loads[1]!.resolve();
    await vi.runAllTimersAsync();
    expect(session.getState()).toMatchObject({ status: 'ready', resultLost: false, result: { text: 'boom' } });
  });
});
