/**
 * The page's side of the tokenizer: downloads the two tokenizer.json files (only when asked), hands
 * each to a Web Worker of its own and asks both for tokenizations. A failed load can simply be
 * started again; files already handed over are not downloaded twice, and files downloaded on an
 * earlier visit are read from the tokenizer's own cache (file-cache.ts).
 */
import { download, DownloadError, type DownloadFailure } from './download.ts';
import { FAMILIES, mapFamilies, type Family, type PerFamily } from './families.ts';
import { keeper, readKept } from './file-cache.ts';
import type { FromWorker, Tokenized, ToWorker } from './protocol.ts';

export interface TokenizerAsset {
  url: string;
  /** Size of the file as served uncompressed, known at build time. */
  bytes: number;
}

export interface LoadProgress {
  phase: 'download' | 'parse';
  receivedBytes: number;
  totalBytes: number;
}

export class TokenizerLoadError extends Error {
  readonly kind: 'download' | 'parse';
  readonly status: number | null;
  /** For a failed download: why (cancelled by the reader, stalled, HTTP error…). */
  readonly reason: DownloadFailure | null;
  constructor(kind: 'download' | 'parse', message: string, status: number | null = null, reason: DownloadFailure | null = null) {
    super(message);
    this.name = 'TokenizerLoadError';
    this.kind = kind;
    this.status = status;
    this.reason = reason;
  }
}

export interface TokenizerClient {
  isReady(): boolean;
  load(onProgress: (progress: LoadProgress) => void): Promise<void>;
  /** Stops the downloads of a load in progress; the load then fails with reason 'cancelled'. */
  cancel(): void;
  tokenize(inputs: PerFamily<string>): Promise<PerFamily<Tokenized>>;
}

type Pending<T> = { resolve: (value: T) => void; reject: (error: Error) => void };

export function createTokenizerClient(assets: PerFamily<TokenizerAsset>): TokenizerClient {
  const workers = new Map<Family, Worker>();
  let loading: Promise<void> | null = null;
  let downloads: AbortController | null = null;
  const loaded = new Set<Family>();
  const loadWaiters = new Map<Family, Pending<void>>();
  const requests = new Map<number, Pending<Tokenized>>();
  let nextRequestId = 1;

  // A worker that cannot start or dies takes its tokenizer with it: both are loaded again.
  const failEverything = (error: Error) => {
    for (const waiter of loadWaiters.values()) waiter.reject(error);
    loadWaiters.clear();
    for (const request of requests.values()) request.reject(error);
    requests.clear();
    for (const worker of workers.values()) worker.terminate();
    workers.clear();
    loaded.clear();
  };

  const startWorker = (family: Family): Worker => {
    // This exact `new Worker(new URL(...), …)` shape is what Vite bundles as a worker chunk.
    const created = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `tokenizer-${family}` });
    created.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'loaded' || message.type === 'load-failed') {
        const waiter = loadWaiters.get(family);
        loadWaiters.delete(family);
        if (message.type === 'loaded') {
          loaded.add(family);
          waiter?.resolve();
        } else {
          waiter?.reject(new TokenizerLoadError('parse', message.message));
        }
        return;
      }
      const request = requests.get(message.requestId);
      requests.delete(message.requestId);
      if (message.type === 'tokenized') request?.resolve(message.result);
      else request?.reject(new Error(message.message));
    };
    created.onerror = (event) => {
      event.preventDefault();
      failEverything(new TokenizerLoadError('parse', event.message || '分词线程无法启动'));
    };
    return created;
  };

  const send = (family: Family, message: ToWorker, transfer: Transferable[] = []) => {
    let worker = workers.get(family);
    if (!worker) workers.set(family, (worker = startWorker(family)));
    worker.postMessage(message, transfer);
  };

  const handOver = (family: Family, json: ArrayBuffer) =>
    new Promise<void>((resolve, reject) => {
      loadWaiters.set(family, { resolve, reject });
      send(family, { type: 'load', json }, [json]);
    });

  const tokenizeWith = (family: Family, text: string) =>
    new Promise<Tokenized>((resolve, reject) => {
      const requestId = nextRequestId++;
      requests.set(requestId, { resolve, reject });
      send(family, { type: 'tokenize', requestId, text });
    });

  async function loadAll(onProgress: (progress: LoadProgress) => void): Promise<void> {
    const missing = FAMILIES.filter((family) => !loaded.has(family));
    const totalBytes = missing.reduce((sum, family) => sum + assets[family].bytes, 0);
    const received = new Map<Family, number>(missing.map((family) => [family, 0]));
    const report = () =>
      onProgress({ phase: 'download', receivedBytes: [...received.values()].reduce((a, b) => a + b, 0), totalBytes });
    report();
    const controller = new AbortController();
    downloads = controller;
    const onBytes = (family: Family) => (bytes: number) => {
      received.set(family, Math.min(bytes, assets[family].bytes));
      report();
    };
    // Files fresh from the network are stored once the worker has parsed them.
    const toKeep = new Map<Family, () => void>();
    const results = await Promise.allSettled(
      missing.map(async (family) => {
        const { url, bytes } = assets[family];
        const kept = await readKept(url);
        if (kept) {
          onBytes(family)(kept.byteLength);
          return kept;
        }
        const json = await download(url, bytes, onBytes(family), fetch, { signal: controller.signal });
        toKeep.set(family, keeper(url, json, FAMILIES.map((other) => assets[other].url)));
        return json;
      }),
    );
    downloads = null;
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (!failed) onProgress({ phase: 'parse', receivedBytes: totalBytes, totalBytes });
    // Files that did arrive are handed over even if the other failed, so a retry fetches only the rest.
    await Promise.all(
      missing.map((family, i) => {
        const result = results[i];
        return result?.status === 'fulfilled' ? handOver(family, result.value).then(toKeep.get(family)) : Promise.resolve();
      }),
    );
    if (failed) {
      const error: unknown = failed.reason;
      const status = error instanceof DownloadError ? error.status : null;
      const reason = error instanceof DownloadError ? error.reason : null;
      throw new TokenizerLoadError('download', error instanceof Error ? error.message : String(error), status, reason);
    }
  }

  return {
    isReady: () => FAMILIES.every((family) => loaded.has(family)),
    load(onProgress) {
      loading ??= loadAll(onProgress).finally(() => {
        loading = null;
      });
      return loading;
    },
    cancel() {
      downloads?.abort();
    },
    async tokenize(inputs) {
      const results = await Promise.all(FAMILIES.map((family) => tokenizeWith(family, inputs[family])));
      return mapFamilies((family) => results[FAMILIES.indexOf(family)]!);
    },
  };
}
