/**
 * The production ChatEngine: web-llm runs in a module Web Worker (worker.ts); this page-side
 * half speaks protocol.ts to it and never imports web-llm as a value.
 *
 * The worker is created on first use, so a page that only shows the playground's capability
 * check never downloads web-llm (≈2.3 MB gzip). Each instance owns one worker = one model = one
 * GPU device; an arena creates two instances.
 */

import type { AppConfig } from '@mlc-ai/web-llm';
import { AnswerStream } from './answer-stream';
import type {
  ChatEngine,
  ChatRequest,
  ChatStream,
  LoadOptions,
  LoadProgress,
  ModelSourceOptions,
} from './chat-engine';
import { toEngineError, type EngineError } from './errors';
import type { CachedModelReport } from './cache-inspection';
import type { CallRequest, CallType, PageToWorker, ReplyValues, SourceFields, WorkerToPage } from './protocol';
import type { ModelSource } from '../sources/model-source';
import engineWorkerUrl from './worker.ts?worker&url';

export interface WorkerChatEngineOptions {
  /** Default model source for load/isCached/deleteCached/listCached (per-call options win). */
  appConfig?: AppConfig;
  /**
   * Default host choice when no appConfig is given. A function is asked on every call, so
   * `currentModelSource` (sources/source-store.ts) makes the engine follow the reader's choice.
   */
  source?: ModelSource | (() => ModelSource);
  /** For tests; the default is the bundled worker.ts. */
  createWorker?: () => Worker;
}

interface PendingCall {
  resolve: (value: never) => void;
  reject: (error: EngineError) => void;
  onProgress?: (progress: LoadProgress) => void;
}

/** How long dispose() waits for the worker to free GPU memory before terminating it anyway. */
const DISPOSE_UNLOAD_TIMEOUT_MS = 1000;

/**
 * The bundled worker.ts, started from a one-line blob: module that imports it. A worker loaded
 * from its own URL follows only the policy its script is served with (none on GitHub Pages); a
 * worker from a blob: URL runs under the page's policy, <meta> included (HTML: it inherits its
 * creator's policy container). So the browser itself refuses a redirect outside connect-src
 * before it is sent, which the worker's own guard (network-guard.ts) cannot: fetch() follows a
 * redirect before any script sees where it leads.
 */
function createEngineWorker(): Worker {
  const script = new URL(engineWorkerUrl, import.meta.url).href;
  const starter = URL.createObjectURL(new Blob([`import ${JSON.stringify(script)};`], { type: 'text/javascript' }));
  try {
    return new Worker(starter, { type: 'module', name: 'chat-engine' });
  } finally {
    // The worker has resolved its URL; the blob need not outlive this call.
    URL.revokeObjectURL(starter);
  }
}

export class WorkerChatEngine implements ChatEngine {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly calls = new Map<number, PendingCall>();
  private readonly streams = new Map<number, AnswerStream>();
  private currentModelId: string | null = null;
  /** The load whose success may set currentModelId; older ones lost the race. */
  private latestLoadId = 0;
  private disposed = false;

  constructor(private readonly options: WorkerChatEngineOptions = {}) {}

  get loadedModelId(): string | null {
    return this.currentModelId;
  }

  async load(modelId: string, options: LoadOptions = {}): Promise<void> {
    this.currentModelId = null;
    const id = this.allocateId();
    this.latestLoadId = id;
    const message: Extract<PageToWorker, { type: 'load' }> = { type: 'load', id, modelId, ...this.sourceFields(options) };
    await this.call('load', message, options.onProgress);
    if (this.latestLoadId === id) this.currentModelId = modelId;
  }

  streamChat(request: ChatRequest): ChatStream {
    const id = this.allocateId();
    const stream = new AnswerStream(() => {
      this.streams.delete(id);
      this.worker?.postMessage({ type: 'stop', chatId: id } satisfies PageToWorker);
    });
    if (this.disposed) {
      stream.fail(toEngineError('EngineDisposedError: the engine was disposed'));
      return stream;
    }
    if (this.worker === null) {
      // Starting a 6 MB worker just to report "no model" would be silly.
      stream.fail(toEngineError('ModelNotLoadedError: no model has been loaded yet'));
      return stream;
    }
    this.streams.set(id, stream);
    const message: Extract<PageToWorker, { type: 'chat' }> = {
      type: 'chat',
      id,
      // Copy into plain objects: callers may pass frozen/proxied state that cannot be cloned.
      messages: request.messages.map(({ role, content }) => ({ role, content })),
      sampling: { ...request.sampling },
    };
    if (request.enableThinking !== undefined) message.enableThinking = request.enableThinking;
    this.worker.postMessage(message);
    return stream;
  }

  stop(): void {
    for (const id of this.streams.keys()) {
      this.worker?.postMessage({ type: 'stop', chatId: id } satisfies PageToWorker);
    }
  }

  async resetChat(): Promise<void> {
    if (this.worker === null || this.disposed) return;
    await this.call('reset-chat', { type: 'reset-chat', id: this.allocateId() });
  }

  async unload(): Promise<void> {
    this.currentModelId = null;
    this.latestLoadId = 0;
    if (this.worker === null || this.disposed) return;
    await this.call('unload', { type: 'unload', id: this.allocateId() });
  }

  isCached(modelId: string, options: ModelSourceOptions = {}): Promise<boolean> {
    return this.call('is-cached', { type: 'is-cached', id: this.allocateId(), modelId, ...this.sourceFields(options) });
  }

  async deleteCached(modelId: string, options: ModelSourceOptions = {}): Promise<void> {
    await this.call('delete-cached', {
      type: 'delete-cached',
      id: this.allocateId(),
      modelId,
      ...this.sourceFields(options),
    });
  }

  /**
   * What the browser holds of each model, checked by web-llm's own hasModelInCache() with the
   * same config a load would use. Models with nothing cached are left out.
   */
  listCached(modelIds: readonly string[], options: ModelSourceOptions = {}): Promise<CachedModelReport[]> {
    return this.call('list-cached', {
      type: 'list-cached',
      id: this.allocateId(),
      modelIds: [...modelIds],
      ...this.sourceFields(options),
    });
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    const worker = this.worker;
    if (worker !== null) {
      // Give web-llm a moment to destroy its GPU device; terminate() alone leaves that to GC.
      const unloaded = this.call('unload', { type: 'unload', id: this.allocateId() }).catch(() => undefined);
      await Promise.race([unloaded, new Promise((resolve) => setTimeout(resolve, DISPOSE_UNLOAD_TIMEOUT_MS))]);
    }
    this.disposed = true;
    this.currentModelId = null;
    this.shutDownWorker('EngineDisposedError: the engine was disposed');
  }

  // ---- plumbing ------------------------------------------------------------------------------

  /** Per-call options before engine defaults; within each, an explicit appConfig before a source. */
  private sourceFields(options: ModelSourceOptions): SourceFields {
    if (options.appConfig !== undefined) return { appConfig: options.appConfig };
    if (options.source !== undefined) return { source: options.source };
    if (this.options.appConfig !== undefined) return { appConfig: this.options.appConfig };
    const source = typeof this.options.source === 'function' ? this.options.source() : this.options.source;
    return source === undefined ? {} : { source };
  }

  private allocateId(): number {
    return this.nextId++;
  }

  /** Sends a request that is answered by one 'reply' (typed by `call`) or one 'error'. */
  private call<K extends CallType>(
    _call: K,
    message: CallRequest & { type: K },
    onProgress?: (progress: LoadProgress) => void,
  ): Promise<ReplyValues[K]> {
    if (this.disposed) {
      return Promise.reject(toEngineError('EngineDisposedError: the engine was disposed'));
    }
    const worker = this.ensureWorker();
    return new Promise<ReplyValues[K]>((resolve, reject) => {
      const pending: PendingCall = { resolve: resolve as (value: never) => void, reject };
      if (onProgress !== undefined) pending.onProgress = onProgress;
      this.calls.set(message.id, pending);
      worker.postMessage(message);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = (this.options.createWorker ?? createEngineWorker)();
    worker.addEventListener('message', (event: MessageEvent<WorkerToPage>) => this.onMessage(event.data));
    worker.addEventListener('error', (event) => {
      // A module that failed to load or an uncaught exception: the worker's state is unknown,
      // so fail everything and start a fresh worker on the next call.
      event.preventDefault();
      this.currentModelId = null;
      this.shutDownWorker(`WorkerCrashedError: ${event.message || 'the engine worker stopped'}`);
    });
    worker.addEventListener('messageerror', () => {
      this.shutDownWorker('WorkerCrashedError: a message from the engine worker could not be read');
    });
    this.worker = worker;
    return worker;
  }

  private shutDownWorker(reason: string): void {
    this.worker?.terminate();
    this.worker = null;
    const error = toEngineError(reason);
    for (const pending of this.calls.values()) pending.reject(error);
    this.calls.clear();
    for (const stream of this.streams.values()) stream.fail(error);
    this.streams.clear();
  }

  private onMessage(message: WorkerToPage): void {
    switch (message.type) {
      case 'progress':
        this.calls.get(message.id)?.onProgress?.(message.progress);
        return;
      case 'stream-chunk':
        this.streams.get(message.id)?.pushRaw(message.text);
        return;
      case 'stream-done':
        this.streams.get(message.id)?.finish({ finishReason: message.finishReason, usage: message.usage });
        this.streams.delete(message.id);
        return;
      case 'reply': {
        const pending = this.calls.get(message.id);
        this.calls.delete(message.id);
        pending?.resolve(message.value as never);
        return;
      }
      case 'error': {
        const error = toEngineError(message.error.text);
        const pending = this.calls.get(message.id);
        if (pending !== undefined) {
          this.calls.delete(message.id);
          pending.reject(error);
        }
        const stream = this.streams.get(message.id);
        if (stream !== undefined) {
          this.streams.delete(message.id);
          if (error.kind === 'model-not-loaded' || error.kind === 'device-lost') this.currentModelId = null;
          stream.fail(error);
        }
        return;
      }
    }
  }
}
