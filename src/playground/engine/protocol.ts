/**
 * Messages between the page (WorkerChatEngine) and the engine worker (worker.ts).
 *
 * Why our own protocol instead of web-llm's WebWorkerMLCEngine client: that client is a value
 * import from '@mlc-ai/web-llm', and any value import on the main thread bundles the whole 6 MB
 * library a second time. Everything here is plain data (structured-cloneable): no functions,
 * no class instances, errors travel as text.
 *
 * Flow:
 *   page → worker: a request with a fresh numeric `id` (per engine).
 *   worker → page: for 'load', zero or more 'progress' then one 'reply' or 'error';
 *                  for 'chat', zero or more 'stream-chunk' then one 'stream-done' or 'error';
 *                  for the others, one 'reply' or 'error'.
 *   'stop' is fire-and-forget and names the chat it stops.
 */

import type { AppConfig } from '@mlc-ai/web-llm';
import type { ChatMessage, ChatUsage, FinishReason, LoadProgress, SamplingParams } from './chat-engine';
import type { CachedModelReport } from './cache-inspection';
import type { ModelSource } from '../sources/model-source';

/**
 * Where a request's model files are: an explicit AppConfig, or a source the worker applies to
 * prebuiltAppConfig (the page cannot import prebuiltAppConfig). Neither = prebuiltAppConfig.
 */
export interface SourceFields {
  appConfig?: AppConfig;
  source?: ModelSource;
}

export type PageToWorker =
  | ({ type: 'load'; id: number; modelId: string } & SourceFields)
  | {
      type: 'chat';
      id: number;
      messages: ChatMessage[];
      sampling: SamplingParams;
      enableThinking?: boolean;
    }
  | { type: 'stop'; chatId: number }
  | { type: 'reset-chat'; id: number }
  | { type: 'unload'; id: number }
  | ({ type: 'is-cached'; id: number; modelId: string } & SourceFields)
  | ({ type: 'delete-cached'; id: number; modelId: string } & SourceFields)
  /** What is cached of each listed model; models with nothing cached are left out. */
  | ({ type: 'list-cached'; id: number; modelIds: string[] } & SourceFields);

/** Requests answered with a single 'reply', and the value each reply carries. */
export interface ReplyValues {
  load: { modelId: string };
  'reset-chat': null;
  unload: null;
  'is-cached': boolean;
  'delete-cached': null;
  'list-cached': CachedModelReport[];
}

export type CallType = keyof ReplyValues;

/** The requests answered by a 'reply'. */
export type CallRequest = Extract<PageToWorker, { type: CallType }>;

/** An error as text, so the page can map it (errors.ts) without the class. */
export interface SerializedError {
  name: string;
  message: string;
  /** "Name: message", the form errors.ts matches on. */
  text: string;
}

export type ReplyMessage = {
  [K in CallType]: { type: 'reply'; id: number; call: K; value: ReplyValues[K] };
}[CallType];

export type WorkerToPage =
  | { type: 'progress'; id: number; progress: LoadProgress }
  | { type: 'stream-chunk'; id: number; text: string }
  | { type: 'stream-done'; id: number; finishReason: FinishReason; usage: ChatUsage | null }
  | ReplyMessage
  | { type: 'error'; id: number; error: SerializedError };
