/**
 * The one interface the playground UI talks to.
 *
 * One ChatEngine = one loaded model. A side-by-side arena is two engines (two workers, two GPU
 * devices — web-llm's interruptGenerate() is engine-wide, so sharing one engine between two
 * panes would let "stop" in one pane stop the other). A cache manager uses isCached/deleteCached
 * without loading anything.
 *
 * Implementations: WorkerChatEngine (production, web-llm in a Web Worker) and FakeChatEngine
 * (tests/fixtures, scripted). Everything here is type-only, so importing it costs no bundle bytes.
 */

import type { AppConfig } from '@mlc-ai/web-llm';
import type { ModelSource } from '../sources/model-source';

export type { EngineError, EngineErrorKind, EngineErrorAction } from './errors';

// ---------------------------------------------------------------------------------------------
// Loading

export type LoadPhase = 'download' | 'cache' | 'compile' | 'other';

export interface LoadProgress {
  /**
   * download: fetching weight shards from the network;
   * cache: copying weights from the browser cache onto the GPU;
   * compile: building GPU shaders;
   * other: everything else (config and model library fetch, "finished").
   */
  phase: LoadPhase;
  /** 0..1 within the current phase — phases restart at 0, this is not an overall bar. */
  fraction: number;
  /** Weight bytes fetched/loaded so far in this phase, when known. */
  loadedBytes?: number;
  /** All weight bytes of the model, when known. */
  totalBytes?: number;
  /** web-llm's own English progress line, for a details/debug view. */
  text: string;
}

export interface ModelSourceOptions {
  /**
   * Where to fetch models from: an AppConfig whose model_list has entries with other
   * `model` / `model_lib` URLs (mirrors). Defaults to web-llm's prebuiltAppConfig.
   * Pass the same value to load, isCached and deleteCached: cache keys are the URLs.
   */
  appConfig?: AppConfig;
  /**
   * The same, as a host choice (Hugging Face, hf-mirror.com, a self-hosted folder): the worker
   * moves prebuiltAppConfig's URLs to it. Ignored when `appConfig` is given.
   */
  source?: ModelSource;
}

export interface LoadOptions extends ModelSourceOptions {
  onProgress?: (progress: LoadProgress) => void;
}

// ---------------------------------------------------------------------------------------------
// Chatting

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** OpenAI names on purpose: they go to web-llm unchanged. Omitted = the model's default. */
export interface SamplingParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  /** Integer; same seed + same prompt + same settings = same answer. */
  seed?: number;
}

export interface ChatRequest {
  /** The whole conversation so far, oldest first, ending with the user's new message. */
  messages: readonly ChatMessage[];
  sampling?: SamplingParams;
  /** Qwen3 only: false skips the <think> block. Ignored by other models. */
  enableThinking?: boolean;
}

export type FinishReason = 'stop' | 'length' | 'abort';

export interface ChatUsage {
  /** Only the new part of the prompt when web-llm could reuse the previous turn's KV cache. */
  promptTokens: number;
  completionTokens: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  timeToFirstTokenSeconds: number;
  e2eLatencySeconds: number;
}

export interface ChatResult {
  finishReason: FinishReason;
  /** null only when generation was stopped before it started (nothing was measured). */
  usage: ChatUsage | null;
  /** The whole answer as shown (concatenation of all delta texts). */
  text: string;
}

export type ChatStreamEvent =
  | {
      type: 'delta';
      /** New answer text; never ends in half a character (see text-stream.ts). */
      text: string;
    }
  | { type: 'done'; result: ChatResult };

/**
 * Iterate with `for await`. Ends with exactly one 'done' event, or rejects next() with an
 * EngineError. Leaving the loop early (break/return/throw) calls return(), which stops the
 * generation in the worker.
 */
export interface ChatStream extends AsyncIterableIterator<ChatStreamEvent, undefined, undefined> {
  return(): Promise<IteratorResult<ChatStreamEvent, undefined>>;
}

// ---------------------------------------------------------------------------------------------

export interface ChatEngine {
  /** The model currently loaded, or null (never loaded, unloaded, failed, or being replaced). */
  readonly loadedModelId: string | null;

  /**
   * Downloads (or reads from cache) and loads a model, replacing any loaded one. A newer load()
   * or an unload() while this one runs makes it reject with kind 'load-cancelled'.
   * Rejects with EngineError.
   */
  load(modelId: string, options?: LoadOptions): Promise<void>;

  /**
   * Starts an answer. Answers on one engine run one after another; errors (including
   * 'model-not-loaded') arrive through the stream's next().
   */
  streamChat(request: ChatRequest): ChatStream;

  /**
   * Stops the answer being written (web-llm's interruptGenerate) and any answers still queued;
   * their streams end with finishReason 'abort'. Stopping takes effect between tokens — a long
   * prompt's prefill cannot be interrupted.
   */
  stop(): void;

  /**
   * Forgets the conversation state kept on the GPU (KV cache); stops an answer in progress
   * first. Call when the reader clears the chat. No-op without a loaded model.
   */
  resetChat(): Promise<void>;

  /** Frees the GPU memory; cancels a load in progress. */
  unload(): Promise<void>;

  /** True when every weight shard of the model is in the browser cache. */
  isCached(modelId: string, options?: ModelSourceOptions): Promise<boolean>;

  /** Removes the model's weights, tokenizer, config and library from the browser cache. */
  deleteCached(modelId: string, options?: ModelSourceOptions): Promise<void>;

  /** Ends the engine for good (terminates the worker). Later calls reject with 'engine-disposed'. */
  dispose(): Promise<void>;
}
