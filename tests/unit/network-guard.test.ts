/**
 * The engine worker's network guard (engine/network-guard.ts) against a hostile or broken host,
 * with a fake network underneath: requests outside the allow-list never leave, answers redirected
 * outside it are refused, an endless configuration file is cut off, and Cache.add() — which
 * web-llm uses for every file and which fetches without calling fetch() — goes through the same
 * checks. What the reader is then told comes from engine/errors.ts.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  REFUSAL_REPORT_MS,
  SMALL_FILE_LIMIT,
  browserRefusals,
  guardFetch,
  installNetworkGuard,
  type GuardableScope,
} from '../../src/playground/engine/network-guard';
import { describeEngineError, rawText } from '../../src/playground/engine/errors';
import { hostPolicy } from '../../src/playground/sources/host-policy';
import { configuredSources } from '../../src/playground/sources/model-source';

const policy = hostPolicy(configuredSources({}));
const CONFIG = 'https://huggingface.co/mlc-ai/Qwen2.5-0.5B-Instruct-q4f32_1-MLC/resolve/main/mlc-chat-config.json';
const SHARD = 'https://huggingface.co/mlc-ai/Qwen2.5-0.5B-Instruct-q4f32_1-MLC/resolve/main/params_shard_0.bin';

/** A fake network: records what was asked, answers with `answer`. */
function network(answer: (url: string) => Response = () => new Response('{}')) {
  const requested: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : String(input);
    requested.push(url);
    return answer(url);
  }) as typeof fetch;
  return { requested, fetchImpl };
}

/** A Response as the browser hands it over after following redirects to `finalUrl`. */
function redirectedTo(finalUrl: string, body: BodyInit = 'x'): Response {
  const response = new Response(body);
  Object.defineProperty(response, 'url', { value: finalUrl });
  Object.defineProperty(response, 'redirected', { value: true });
  return response;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('the worker network guard', () => {
  test('a request to a host outside the list never leaves, and the reader is told which source is blocked', async () => {
    const net = network();
    const fetchGuarded = guardFetch(net.fetchImpl, policy);
    const error = await failure(fetchGuarded('https://evil.example/models/Qwen/resolve/main/mlc-chat-config.json'));
    expect(net.requested).toEqual([]);
    expect(error.name).toBe('SourceBlockedError');
    const info = describeEngineError(rawText(error));
    expect(info.kind).toBe('source-blocked');
    expect(info.sourceMayHelp).toBe(true);
    expect(info.message).toMatch(/不允许从这个下载源下载模型.*请改用其他下载源/);
    expect(info.details).toContain('https://evil.example 不在其中');
    expect(info.details).toContain('huggingface.co/mlc-ai/');
  });

  test('data: URLs, which never leave the browser, pass untouched', async () => {
    const net = network(() => new Response('embedded'));
    const response = await guardFetch(net.fetchImpl, policy)('data:application/octet-stream;base64,AGFzbQ==');
    expect(await response.text()).toBe('embedded');
  });

  test('someone else’s repository on Hugging Face is refused like any other host', async () => {
    const net = network();
    const error = await failure(guardFetch(net.fetchImpl, policy)('https://huggingface.co/anyone/x/resolve/main/mlc-chat-config.json'));
    expect(error.name).toBe('SourceBlockedError');
    expect(net.requested).toEqual([]);
  });

  test('an answer redirected to another host is refused; Hugging Face’s own CDN redirect is kept', async () => {
    const evil = network(() => redirectedTo('https://evil.example/lib.wasm'));
    const error = await failure(guardFetch(evil.fetchImpl, policy)(CONFIG));
    expect(describeEngineError(rawText(error)).kind).toBe('source-blocked');
    expect(error.message).toContain('https://evil.example/lib.wasm');

    const cdn = network(() => redirectedTo('https://cas-bridge.xethub.hf.co/xet-bridge-us/abc', 'weights'));
    const response = await guardFetch(cdn.fetchImpl, policy)(SHARD);
    expect(await response.text()).toBe('weights');
  });

  test('an endless configuration file is cut off at the cap, not read to the end', async () => {
    let pulled = 0;
    const endless = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++;
            controller.enqueue(new Uint8Array(1024 * 1024));
          },
        }),
      );
    const response = await guardFetch(network(endless).fetchImpl, policy)(CONFIG);
    const error = await failure(response.arrayBuffer());
    expect(error.name).toBe('ResponseTooLargeError');
    expect(pulled * 1024 * 1024).toBeLessThan(SMALL_FILE_LIMIT + 4 * 1024 * 1024);
    expect(describeEngineError(rawText(error)).kind).toBe('response-too-large');
  });

  test('a configuration file that announces a huge length is refused before its body is read', async () => {
    const huge = () => new Response('{}', { headers: { 'content-length': String(SMALL_FILE_LIMIT * 10) } });
    const error = await failure(guardFetch(network(huge).fetchImpl, policy)(CONFIG));
    expect(error.name).toBe('ResponseTooLargeError');
  });

  test('weight shards are not capped, and every chunk is reported for the stall watchdog', async () => {
    const counts: number[] = [];
    const big = () => new Response(new Uint8Array(SMALL_FILE_LIMIT + 1));
    const response = await guardFetch(network(big).fetchImpl, policy, { onBytes: (n) => counts.push(n) })(SHARD);
    expect((await response.arrayBuffer()).byteLength).toBe(SMALL_FILE_LIMIT + 1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(SMALL_FILE_LIMIT + 1);
  });
});

describe('installed on a worker scope', () => {
  /** Stands in for the browser's Cache: its own add() would fetch without the guard. */
  class FakeCache {
    stored = new Map<string, Response>();
    async add(): Promise<void> {
      throw new Error('the unguarded Cache.add ran');
    }
    async addAll(): Promise<void> {
      throw new Error('the unguarded Cache.addAll ran');
    }
    async put(request: Request, response: Response): Promise<void> {
      this.stored.set(request.url, response);
    }
  }

  function scope(answer?: (url: string) => Response) {
    const net = network(answer);
    const worker = { fetch: net.fetchImpl, Cache: FakeCache as unknown as { prototype: Cache } } satisfies GuardableScope;
    installNetworkGuard(worker, policy);
    return { worker, net, cache: new FakeCache() as unknown as Cache & FakeCache };
  }

  test('Cache.add (web-llm’s download path) is refused for a blocked URL without a request', async () => {
    const { net, cache } = scope();
    const error = await failure(cache.add(new Request('https://evil.example/x/resolve/main/mlc-chat-config.json')));
    expect(error.name).toBe('SourceBlockedError');
    expect(net.requested).toEqual([]);
    expect(cache.stored.size).toBe(0);
  });

  test('Cache.add of an allowed file stores it; a 404 fails with the browser’s own wording', async () => {
    const { cache } = scope((url) => (url.endsWith('missing.json') ? new Response('no', { status: 404 }) : new Response('{"ok":1}')));
    await cache.add(new Request(CONFIG));
    expect(await cache.stored.get(CONFIG)!.text()).toBe('{"ok":1}');
    const error = await failure(cache.add(CONFIG.replace('mlc-chat-config.json', 'missing.json')));
    expect(describeEngineError(rawText(error)).kind).toBe('download-failed');
    await expect(cache.addAll(['https://evil.example/a'])).rejects.toThrow(/outside the allowed model sources/);
  });

  test('the global fetch is replaced', async () => {
    const { worker, net } = scope();
    await expect(worker.fetch('https://evil.example/')).rejects.toThrow(/outside the allowed model sources/);
    expect(net.requested).toEqual([]);
  });
});

describe('under the page’s policy (the worker started from a blob: URL)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * A worker scope whose fetch fails as Chromium's does when the policy refuses a redirect:
   * "Failed to fetch", with the violation report (naming the URL asked for) a task later.
   */
  function scopeUnderPolicy({ reports }: { reports: boolean }) {
    const events = new EventTarget();
    const requested: string[] = [];
    const worker = {
      fetch: (async (input: RequestInfo | URL) => {
        const url = input instanceof Request ? input.url : String(input);
        requested.push(url);
        if (reports) {
          const report = Object.assign(new Event('securitypolicyviolation'), { effectiveDirective: 'connect-src', blockedURI: url });
          setTimeout(() => events.dispatchEvent(report), 0);
        }
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
      addEventListener: events.addEventListener.bind(events),
    } satisfies GuardableScope;
    installNetworkGuard(worker, policy);
    return { worker, requested };
  }

  test('a redirect the browser refused is told to the reader as a blocked source, not a network error', async () => {
    const { worker, requested } = scopeUnderPolicy({ reports: true });
    const error = await failure(worker.fetch(CONFIG));
    expect(requested).toEqual([CONFIG]);
    expect(error.name).toBe('SourceBlockedError');
    const info = describeEngineError(rawText(error));
    expect(info.kind).toBe('source-blocked');
    expect(info.message).toMatch(/不允许从这个下载源下载模型.*请改用其他下载源/);
    // The browser does not say where the redirect led: the details name the file and what is allowed.
    expect(info.details).toContain(`下载 ${CONFIG} 时，下载源把请求转到了这些地方以外的网站`);
    expect(info.details).toContain('huggingface.co/mlc-ai/');
  });

  test('a failure the browser reports no refusal for stays a network error', async () => {
    vi.useFakeTimers();
    const { worker } = scopeUnderPolicy({ reports: false });
    const failed = failure(worker.fetch(CONFIG));
    await vi.advanceTimersByTimeAsync(REFUSAL_REPORT_MS);
    const error = await failed;
    expect(error).toBeInstanceOf(TypeError);
    expect(describeEngineError(rawText(error)).kind).toBe('network');
  });
});

describe('the page’s refusal reports, shared by its engines', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A page that counts its securitypolicyviolation listeners and can report a refusal. */
  function page() {
    const events = new EventTarget();
    let listeners = 0;
    const document = {
      addEventListener: (...args: Parameters<EventTarget['addEventListener']>) => {
        if (args[0] === 'securitypolicyviolation') listeners += 1;
        events.addEventListener(...args);
      },
    };
    const report = (blockedURI: string) =>
      events.dispatchEvent(Object.assign(new Event('securitypolicyviolation'), { effectiveDirective: 'connect-src', blockedURI }));
    return { document, report, listeners: () => listeners };
  }

  test('two engines on one page add one listener between them, and each hears its own refusal', async () => {
    const { document, report, listeners } = page();
    const first = browserRefusals(document);
    const second = browserRefusals(document);
    expect(listeners()).toBe(1);
    const firstAsked = first(CONFIG);
    const secondAsked = second(SHARD);
    report(SHARD);
    report(CONFIG);
    expect(await Promise.all([firstAsked, secondAsked])).toEqual([true, true]);
    for (let made = 0; made < 5; made += 1) browserRefusals(document);
    expect(listeners()).toBe(1);
  });

  test('a report may come before its download is looked up, but is not kept past the wait', async () => {
    vi.useFakeTimers();
    const { document, report } = page();
    const refused = browserRefusals(document);
    report(CONFIG);
    await vi.advanceTimersByTimeAsync(REFUSAL_REPORT_MS / 2);
    expect(await refused(CONFIG)).toBe(true);
    // Reports nobody looks up (another download of the page, refused by the same policy) are dropped.
    for (let sent = 0; sent < 100; sent += 1) report(SHARD);
    await vi.advanceTimersByTimeAsync(REFUSAL_REPORT_MS);
    const late = refused(SHARD);
    await vi.advanceTimersByTimeAsync(REFUSAL_REPORT_MS);
    expect(await late).toBe(false);
  });
});
