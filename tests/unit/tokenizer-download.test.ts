/**
 * The tokenizer download (tokenizer/download.ts) when the network misbehaves: a connection that
 * never answers, a body that stops halfway, an answer that never ends, and the reader's cancel.
 * Fake timers: the stall allowance passes without real waiting.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DOWNLOAD_STALL_MS, DownloadError, download } from '../../src/playground/tokenizer/download';
import { TokenizerLoadError } from '../../src/playground/tokenizer/client';
import { loadErrorMessage, tokenizeErrorMessage } from '../../src/playground/tokenizer/tokenizer-session';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const URL = 'https://site.example/tokenizers/qwen.json';
const KB = new Uint8Array(1024);

/** A body that sends `chunks` chunks and then nothing more, ever (unless `endless`). */
function body(chunks: number, endless = false) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (endless || sent < chunks) {
        sent++;
        controller.enqueue(KB);
        return;
      }
      return new Promise<void>(() => undefined);
    },
  });
}

const answering = (response: () => Response) => (async () => response()) as unknown as typeof fetch;

async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: DownloadError }> {
  return promise.then(
    (value) => ({ value }),
    (error: DownloadError) => ({ error }),
  );
}

describe('tokenizer download faults', () => {
  test('a body that stops halfway is given up after the stall allowance, not before', async () => {
    const progress: number[] = [];
    const result = settle(download(URL, 10 * 1024, (bytes) => progress.push(bytes), answering(() => new Response(body(3)))));
    await vi.advanceTimersByTimeAsync(DOWNLOAD_STALL_MS - 1);
    expect(progress.at(-1)).toBe(3 * 1024);
    let settled = false;
    void result.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const { error } = await result;
    expect(error).toBeInstanceOf(DownloadError);
    expect(error!.reason).toBe('stalled');
  });

  test('a server that never answers is given up too', async () => {
    const never = (() => new Promise<Response>(() => undefined)) as unknown as typeof fetch;
    const result = settle(download(URL, 1024, () => undefined, never));
    await vi.advanceTimersByTimeAsync(DOWNLOAD_STALL_MS);
    expect((await result).error!.reason).toBe('stalled');
  });

  test('an answer that never ends is cut off near the known size', async () => {
    let received = 0;
    const result = settle(download(URL, 64 * 1024, (bytes) => (received = bytes), answering(() => new Response(body(0, true)))));
    await vi.advanceTimersByTimeAsync(0);
    const { error } = await result;
    expect(error!.reason).toBe('too-large');
    expect(received).toBeLessThanOrEqual(2 * 64 * 1024 + 1024 * 1024);
  });

  test('the reader can cancel a download in progress', async () => {
    const cancel = new AbortController();
    const result = settle(download(URL, 10 * 1024, () => undefined, answering(() => new Response(body(2))), { signal: cancel.signal }));
    await vi.advanceTimersByTimeAsync(10);
    cancel.abort();
    expect((await result).error!.reason).toBe('cancelled');
  });

  test('a healthy download is unaffected and stops its timer', async () => {
    const result = await download(URL, 2048, () => undefined, answering(() => new Response(new Uint8Array(2048))));
    expect(result.byteLength).toBe(2048);
    expect(vi.getTimerCount()).toBe(0);
  });

  test('each fault has its own message, all offering 重试', () => {
    const messages = (['stalled', 'cancelled', 'too-large', 'network'] as const).map((reason) =>
      loadErrorMessage(new TokenizerLoadError('download', 'x', null, reason)).message,
    );
    expect(new Set(messages).size).toBe(4);
    expect(messages[0]).toContain(`${DOWNLOAD_STALL_MS / 1000} 秒没有收到任何数据`);
    expect(messages[1]).toMatch(/^已取消下载分词器/);
    for (const message of messages) expect(message).toContain('重试');
  });

  test('offline, a failed download says the files were never downloaded and need a connection', () => {
    const failure = new TokenizerLoadError('download', 'Failed to fetch', null, 'network');
    const offline = loadErrorMessage(failure, true);
    expect(offline.message).toMatch(/^这台设备现在没有联网，而分词器文件还没有下载过/);
    expect(offline.message).not.toContain('刷新');
    expect(offline.details).toBe('Failed to fetch');
    expect(loadErrorMessage(failure, false).message).toContain('网络连接出错');
  });

  test('a failed tokenization is worded in Chinese, the raw text kept for 技术细节 only', () => {
    const { message, details } = tokenizeErrorMessage(new RangeError('Maximum call stack size exceeded'));
    expect(message).toBe('切分这段文字时出错了，没有得到结果。请点击“重试”；如果仍然出错，请刷新页面。');
    expect(details).toBe('Maximum call stack size exceeded');
  });
});
