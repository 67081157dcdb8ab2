/**
 * The CPU path's ChatEngine: llama.cpp compiled to WebAssembly (wllama), for browsers without a
 * usable WebGPU. It speaks the same interface as the web-llm engine, so the chat view and session
 * do not know which one runs.
 *
 * wllama runs inference in its own Web Worker (created from its bundled code) and keeps the GGUF
 * files it downloads in the origin-private file system, keyed by URL. This module is only ever
 * loaded by a dynamic import when the reader chooses the CPU path, so neither wllama's JavaScript
 * nor its 10 MB .wasm (a same-origin, content-hashed asset) is fetched before.
 *
 * One engine = one model; loading another replaces it. Answers run one after another.
 */

import { Wllama, type ChatCompletionChunk } from '@wllama/wllama';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { AnswerStream } from '../engine/answer-stream';
import type {
  ChatEngine,
  ChatRequest,
  ChatStream,
  ChatUsage,
  FinishReason,
  LoadOptions,
  ModelSourceOptions,
} from '../engine/chat-engine';
import { toEngineError } from '../engine/errors';
import { browserRefusals, redirectBlocked } from '../engine/network-guard';
import { siteHostPolicy } from '../sources/site-policy';
import type { ModelSource } from '../sources/model-source';
import { HUGGING_FACE } from '../sources/model-source';
import { CPU_CONTEXT_TOKENS, findGgufBuild } from './gguf-catalogue';
import { ggufUrl } from './gguf-url';
import { cpuThreads } from './threads';

export interface CpuChatEngineOptions {
  /** Asked on every call, like the web-llm engine's, so the reader's source choice applies. */
  source?: ModelSource | (() => ModelSource);
}

const FINISH_REASONS: Readonly<Record<string, FinishReason>> = { stop: 'stop', length: 'length' };

export class CpuChatEngine implements ChatEngine {
  private wllama: Wllama | null = null;
  private modelId: string | null = null;
  /** Aborts the download of the load in progress; replaced by each load. */
  private loadAbort: AbortController | null = null;
  /** Every answer waits for the one before it. */
  private queue: Promise<void> = Promise.resolve();
  private readonly answers = new Set<AbortController>();
  private disposed = false;
  /**
   * wllama downloads from the page, under its Content-Security-Policy: a model host's redirect
   * outside connect-src is refused unsent and fails as "Failed to fetch". The browser's report
   * tells that apart from a network failure, so the reader hears that the source is blocked.
   */
  private readonly refused = browserRefusals(document);

  constructor(private readonly options: CpuChatEngineOptions = {}) {}

  get loadedModelId(): string | null {
    return this.modelId;
  }

  async load(modelId: string, options: LoadOptions = {}): Promise<void> {
    this.assertAlive();
    const url = this.urlOf(modelId, options);
    await this.release();
    const abort = new AbortController();
    this.loadAbort = abort;
    const wllama = new Wllama({ default: wasmUrl }, { suppressNativeLog: true, parallelDownloads: 1 });
    this.wllama = wllama;
    try {
      await wllama.loadModelFromUrl(url, {
        n_ctx: CPU_CONTEXT_TOKENS,
        n_threads: cpuThreads().threads,
        // No GPU offload: this path exists for devices whose WebGPU we cannot use.
        n_gpu_layers: 0,
        // Keep <think>…</think> in the text, as web-llm does; the chat view folds it.
        reasoning_format: 'none',
        signal: abort.signal,
        progressCallback: ({ loaded, total }) => {
          if (abort.signal.aborted) return;
          options.onProgress?.({
            phase: 'download',
            fraction: total > 0 ? loaded / total : 0,
            loadedBytes: loaded,
            ...(total > 0 ? { totalBytes: total } : {}),
            text: `${loaded} / ${total} bytes`,
          });
        },
      });
    } catch (error) {
      if (abort.signal.aborted) throw toEngineError('LoadCancelledError: the load was cancelled');
      await wllama.exit().catch(() => undefined);
      if (this.wllama === wllama) this.wllama = null;
      if (error instanceof TypeError && (await this.refused(url))) throw toEngineError(redirectBlocked(url, siteHostPolicy()));
      throw toEngineError(error);
    }
    if (abort.signal.aborted || this.wllama !== wllama) {
      await wllama.exit().catch(() => undefined);
      throw toEngineError('LoadCancelledError: the load was cancelled');
    }
    this.loadAbort = null;
    this.modelId = modelId;
  }

  streamChat(request: ChatRequest): ChatStream {
    const abort = new AbortController();
    const stream = new AnswerStream(() => abort.abort());
    if (this.disposed) {
      stream.fail(toEngineError('EngineDisposedError: the engine was disposed'));
      return stream;
    }
    const wllama = this.wllama;
    if (wllama === null || this.modelId === null) {
      stream.fail(toEngineError('ModelNotLoadedError: no model has been loaded yet'));
      return stream;
    }
    this.answers.add(abort);
    const run = () => this.answer(wllama, request, stream, abort).finally(() => this.answers.delete(abort));
    this.queue = this.queue.then(run, run);
    return stream;
  }

  stop(): void {
    for (const abort of this.answers) abort.abort();
  }

  /**
   * Nothing to forget: every request carries the whole conversation and llama.cpp reuses only the
   * matching prefix of its cache. Stopping is all a new conversation needs.
   */
  async resetChat(): Promise<void> {
    this.stop();
  }

  async unload(): Promise<void> {
    await this.release();
  }

  async isCached(modelId: string, options: ModelSourceOptions = {}): Promise<boolean> {
    const url = this.urlOf(modelId, options);
    const wllama = this.wllama ?? new Wllama({ default: wasmUrl });
    const models = await wllama.modelManager.getModels();
    return models.some((model) => model.url === url);
  }

  async deleteCached(modelId: string, options: ModelSourceOptions = {}): Promise<void> {
    const url = this.urlOf(modelId, options);
    const wllama = this.wllama ?? new Wllama({ default: wasmUrl });
    await wllama.cacheManager.delete(url);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.release();
    this.disposed = true;
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private assertAlive(): void {
    if (this.disposed) throw toEngineError('EngineDisposedError: the engine was disposed');
  }

  private urlOf(modelId: string, options: ModelSourceOptions): string {
    const build = findGgufBuild(modelId);
    if (build === undefined) throw toEngineError(`ModelNotFoundError: ${modelId} is not a GGUF build`);
    const configured = this.options.source;
    const source = options.source ?? (typeof configured === 'function' ? configured() : configured) ?? HUGGING_FACE;
    return ggufUrl(build, source);
  }

  /** Cancels a load in progress, stops answers and frees the WebAssembly memory. */
  private async release(): Promise<void> {
    this.loadAbort?.abort();
    this.loadAbort = null;
    this.stop();
    this.modelId = null;
    const wllama = this.wllama;
    this.wllama = null;
    if (wllama !== null && wllama.isModelLoaded()) await wllama.exit().catch(() => undefined);
  }

  private async answer(wllama: Wllama, request: ChatRequest, stream: AnswerStream, abort: AbortController): Promise<void> {
    if (abort.signal.aborted) {
      stream.finish({ finishReason: 'abort', usage: null });
      return;
    }
    const started = performance.now();
    let firstToken: number | null = null;
    let last: ChatCompletionChunk | null = null;
    try {
      const sampling = request.sampling ?? {};
      const chunks = await wllama.createChatCompletion({
        messages: request.messages.map(({ role, content }) => ({ role, content })),
        stream: true,
        abortSignal: abort.signal,
        ...(sampling.temperature === undefined ? {} : { temperature: sampling.temperature }),
        ...(sampling.top_p === undefined ? {} : { top_p: sampling.top_p }),
        ...(sampling.max_tokens === undefined ? {} : { max_tokens: sampling.max_tokens }),
        ...(sampling.seed === undefined ? {} : { seed: sampling.seed }),
        ...(request.enableThinking === undefined ? {} : { chat_template_kwargs: { enable_thinking: request.enableThinking } }),
      });
      for await (const chunk of chunks) {
        last = chunk;
        const text = chunk.choices[0]?.delta.content;
        if (typeof text === 'string' && text !== '') {
          firstToken ??= performance.now();
          stream.pushRaw(text);
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) {
        stream.fail(toEngineError(error));
        return;
      }
    }
    const reason = last?.choices[0]?.finish_reason;
    const finishReason = abort.signal.aborted ? 'abort' : (FINISH_REASONS[reason ?? ''] ?? 'stop');
    stream.finish({ finishReason, usage: usageOf(last, started, firstToken) });
  }
}

/** llama.cpp's own timings from the last chunk; null when generation never got that far. */
function usageOf(last: ChatCompletionChunk | null, started: number, firstToken: number | null): ChatUsage | null {
  const timings = last?.timings;
  if (timings === undefined) return null;
  return {
    promptTokens: timings.prompt_n,
    completionTokens: timings.predicted_n,
    prefillTokensPerSecond: timings.prompt_per_second,
    decodeTokensPerSecond: timings.predicted_per_second,
    timeToFirstTokenSeconds: ((firstToken ?? performance.now()) - started) / 1000,
    e2eLatencySeconds: (performance.now() - started) / 1000,
  };
}
