/// <reference lib="webworker" />
/**
 * The engine worker: the only file that imports web-llm as a value.
 *
 * It owns one MLCEngine and answers the protocol in protocol.ts. Everything that mutates the
 * engine (load, chat, reset, unload, cache deletion) runs one at a time through a queue, because
 * web-llm's reload()/unload()/resetChat() do not wait for a generation in progress. Two things
 * jump the queue on purpose: stop (interruptGenerate must reach the running generation) and
 * cancelling a load (engine.unload() aborts web-llm's in-flight downloads).
 */

// First: the network guard must be in place before web-llm can fetch anything.
import { watchDownloads } from './worker-network';
import {
  findFailedFile,
  inspectModelCache,
  snapshotCaches,
  type CachedModelReport,
  type ModelLocation,
} from './cache-inspection';
import { describeEngineError, rawText } from './errors';
import { appConfigForSource } from '../sources/model-source';

import {
  MLCEngine,
  prebuiltAppConfig,
  hasModelInCache,
  deleteModelInCache,
  deleteModelWasmInCache,
  deleteChatConfigInCache,
} from '@mlc-ai/web-llm';
import type { AppConfig, ChatCompletionMessageParam, ModelRecord } from '@mlc-ai/web-llm';
import type { ChatUsage, FinishReason } from './chat-engine';
import { readInitProgress, type ProgressContext } from './load-progress';
import type { PageToWorker, ReplyValues, SerializedError, SourceFields, WorkerToPage } from './protocol';
import { limitsBelowWebLlmMinimum } from '../gpu/webgpu-requirements';
import { watchForStall, type StallPhase, type StallWatchdog } from './stall-watchdog';
import { modelFolderUrl, modelIdNeedsShaderF16, WEB_LLM_CACHES } from './web-llm-contract';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const engine = new MLCEngine();

function post(message: WorkerToPage): void {
  scope.postMessage(message);
}

function reply<K extends keyof ReplyValues>(id: number, call: K, value: ReplyValues[K]): void {
  post({ type: 'reply', id, call, value } as WorkerToPage);
}

function postError(id: number, thrown: unknown): void {
  post({ type: 'error', id, error: serializeError(thrown) });
}

function serializeError(thrown: unknown): SerializedError {
  if (thrown instanceof Error || thrown instanceof DOMException) {
    return { name: thrown.name, message: thrown.message, text: `${thrown.name}: ${thrown.message}` };
  }
  const text = String(thrown);
  return { name: '', message: text, text };
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

// ---- one-at-a-time queue ---------------------------------------------------------------------

let tail: Promise<unknown> = Promise.resolve();

function enqueue(task: () => Promise<void>): void {
  tail = tail.then(task, task).catch(() => undefined);
}

// ---- state -----------------------------------------------------------------------------------

interface LoadTicket {
  id: number;
  cancelled: boolean;
  /** Set when the stall watchdog gave up on this load. */
  stalled?: { phase: StallPhase; seconds: number };
}
interface ChatTicket {
  id: number;
  stopRequested: boolean;
}

/** Loads queued or running; a newer load or an unload cancels all of them. */
const unfinishedLoads = new Set<LoadTicket>();
let currentLoad: LoadTicket | null = null;
let currentChat: ChatTicket | null = null;
/** Chats stopped while still waiting in the queue. */
const stoppedBeforeStart = new Set<number>();

function cancelUnfinishedLoads(): void {
  for (const ticket of unfinishedLoads) ticket.cancelled = true;
  unfinishedLoads.clear();
  if (currentLoad !== null) {
    // Aborts web-llm's reloadController: pending downloads reject with AbortError and reload()
    // returns early. A load already compiling shaders finishes; the queued task after it
    // (the newer load, or the unload) replaces it.
    void engine.unload();
  }
}

function stopCurrentChat(): void {
  if (currentChat === null) return;
  currentChat.stopRequested = true;
  void engine.interruptGenerate();
}

// ---- model sources ---------------------------------------------------------------------------

function sourceConfig({ appConfig, source }: SourceFields): AppConfig {
  if (appConfig !== undefined) return appConfig;
  return source === undefined ? prebuiltAppConfig : appConfigForSource(prebuiltAppConfig, source);
}

function findRecord(modelId: string, appConfig: AppConfig): ModelRecord {
  const record = appConfig.model_list.find((entry) => entry.model_id === modelId);
  if (record === undefined) {
    throw namedError('ModelNotFoundError', `Cannot find model record in appConfig for ${modelId}.`);
  }
  return record;
}

function folderOf(record: ModelRecord): string {
  return modelFolderUrl(record.model, scope.location.origin);
}

function modelLocation(record: ModelRecord): ModelLocation {
  return { folderUrl: folderOf(record), libraryUrl: new URL(record.model_lib, scope.location.origin).href };
}

/** Our own reads/deletes go straight to the Cache API, so only for that backend. */
function usesCacheApi(appConfig: AppConfig): boolean {
  return appConfig.cacheBackend === undefined || appConfig.cacheBackend === 'cache';
}

async function totalWeightBytes(record: ModelRecord, appConfig: AppConfig): Promise<number | undefined> {
  if (!usesCacheApi(appConfig) || record.model_manifest !== undefined) return undefined;
  try {
    const cache = await caches.open(WEB_LLM_CACHES.model);
    const response = await cache.match(new URL('tensor-cache.json', folderOf(record)).href);
    if (response === undefined) return undefined;
    const manifest = (await response.json()) as { records?: { nbytes?: number }[] };
    const total = (manifest.records ?? []).reduce((sum, shard) => sum + (shard.nbytes ?? 0), 0);
    return total > 0 ? total : undefined;
  } catch {
    return undefined;
  }
}

// ---- checks web-llm makes only after downloading ---------------------------------------------

/**
 * web-llm fetches the chat config and model library before it looks at the GPU, and never checks
 * shader-f16 for these builds. Checking first means a reader without a usable GPU gets the real
 * reason, and nobody downloads gigabytes of f16 weights their GPU cannot run.
 */
async function checkGpuBeforeDownloading(modelId: string): Promise<void> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (gpu === undefined) {
    throw namedError('WebGPUNotAvailableError', 'WebGPU is not supported in your current environment.');
  }
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter === null) throw new Error('Unable to find a compatible GPU.');
  if (limitsBelowWebLlmMinimum(adapter.limits)) {
    throw new Error(
      'Cannot initialize runtime because of requested maxBufferSize exceeds limit ' +
        `(maxBufferSize=${adapter.limits.maxBufferSize}, ` +
        `maxStorageBufferBindingSize=${adapter.limits.maxStorageBufferBindingSize}).`,
    );
  }
  if (modelIdNeedsShaderF16(modelId) && !adapter.features.has('shader-f16')) {
    throw namedError('ShaderF16SupportError', 'This model requires WebGPU extension shader-f16.');
  }
}

// ---- handlers --------------------------------------------------------------------------------

function handleLoad(id: number, modelId: string, where: SourceFields): void {
  // A newer load supersedes an unfinished one, like web-llm's own reload().
  cancelUnfinishedLoads();
  stopCurrentChat();
  const ticket: LoadTicket = { id, cancelled: false };
  unfinishedLoads.add(ticket);
  enqueue(async () => {
    currentLoad = ticket;
    let location: ModelLocation | null = null;
    let watchdog: StallWatchdog | null = null;
    try {
      if (ticket.cancelled) throw cancelled();
      // Free the previous model first (reload() would too): its VRAM may be what the new one
      // needs, and a failed load then leaves a clear state — nothing loaded — on both sides.
      await engine.unload();
      const appConfig = sourceConfig(where);
      const record = findRecord(modelId, appConfig);
      location = modelLocation(record);
      await checkGpuBeforeDownloading(modelId);
      if (ticket.cancelled) throw cancelled();

      const context: ProgressContext = {
        weightsCached: await hasModelInCache(modelId, appConfig).catch(() => false),
      };
      let totalLookedUp = false;
      watchdog = watchForStall('config', (phase, seconds) => {
        // unload() aborts web-llm's downloads, so reload() below returns and reports this.
        ticket.stalled = { phase, seconds };
        ticket.cancelled = true;
        void engine.unload();
      });
      watchDownloads(watchdog);
      engine.setAppConfig(appConfig);
      engine.setInitProgressCallback((report) => {
        if (ticket.cancelled) return;
        const progress = readInitProgress(report, context);
        watchdog?.progress(progress.phase === 'other' ? undefined : progress.phase);
        // tensor-cache.json is in the cache by the time weights start; read exact sizes once.
        if (!totalLookedUp && report.text.startsWith('Start to fetch params')) {
          totalLookedUp = true;
          void totalWeightBytes(record, appConfig).then((total) => {
            if (total !== undefined) context.totalWeightBytes = total;
          });
        }
        post({ type: 'progress', id, progress });
      });
      // No web-llm report covers the config and library fetch, so say that loading began.
      post({
        type: 'progress',
        id,
        progress: { phase: 'other', fraction: 0, text: 'Fetching model config and library' },
      });

      await engine.reload(modelId);
      if (ticket.cancelled) throw cancelled();
      reply(id, 'load', { modelId });
    } catch (error) {
      if (ticket.stalled !== undefined) postError(id, stalled(ticket.stalled.phase, ticket.stalled.seconds));
      else if (ticket.cancelled) postError(id, cancelled());
      else postError(id, location === null ? error : await nameFailedFile(error, location));
    } finally {
      watchdog?.stop();
      watchDownloads(null);
      engine.setInitProgressCallback(() => undefined);
      unfinishedLoads.delete(ticket);
      if (currentLoad === ticket) currentLoad = null;
    }
  });
}

/**
 * web-llm reports a failed download without its URL; find the file (cache-inspection.ts) so the
 * reader is told which one failed and what the host answered.
 */
async function nameFailedFile(error: unknown, location: ModelLocation): Promise<unknown> {
  const { kind } = describeEngineError(rawText(error));
  if (kind !== 'download-failed' && kind !== 'network') return error;
  const failed = await findFailedFile(location).catch(() => null);
  if (failed === null) return error;
  const what = failed.status === null ? `unreachable ${failed.url}` : `HTTP ${failed.status} ${failed.url}`;
  // web-llm's own text stays in, for logs.
  return namedError('ModelFileError', `${what} (${rawText(error)})`);
}

function stalled(phase: StallPhase, seconds: number): Error {
  return namedError('LoadStalledError', `[${phase}] no progress for ${seconds} s`);
}

function cancelled(): Error {
  return namedError('LoadCancelledError', 'The load was cancelled by a newer load or unload.');
}

function handleChat(message: Extract<PageToWorker, { type: 'chat' }>): void {
  const { id } = message;
  enqueue(async () => {
    if (stoppedBeforeStart.delete(id)) {
      post({ type: 'stream-done', id, finishReason: 'abort', usage: null });
      return;
    }
    const ticket: ChatTicket = { id, stopRequested: false };
    currentChat = ticket;
    try {
      const stream = await engine.chat.completions.create({
        messages: message.messages as ChatCompletionMessageParam[],
        stream: true,
        stream_options: { include_usage: true },
        temperature: message.sampling.temperature,
        top_p: message.sampling.top_p,
        max_tokens: message.sampling.max_tokens,
        seed: message.sampling.seed,
        ...(message.enableThinking === undefined
          ? {}
          : { extra_body: { enable_thinking: message.enableThinking } }),
      });
      let finishReason: FinishReason = 'stop';
      let usage: ChatUsage | null = null;
      for await (const chunk of stream) {
        // web-llm clears its interrupt flag when a generation starts, so a stop that arrived
        // before that (during the queue wait or prefill) must be repeated.
        if (ticket.stopRequested) void engine.interruptGenerate();
        const choice = chunk.choices[0];
        const text = choice?.delta.content;
        if (text) post({ type: 'stream-chunk', id, text });
        if (choice?.finish_reason) {
          // We never pass tools, so 'tool_calls' cannot really happen; treat it as a normal end.
          finishReason = choice.finish_reason === 'tool_calls' ? 'stop' : choice.finish_reason;
        }
        if (chunk.usage) {
          const { extra } = chunk.usage;
          usage = {
            promptTokens: chunk.usage.prompt_tokens,
            completionTokens: chunk.usage.completion_tokens,
            prefillTokensPerSecond: extra.prefill_tokens_per_s,
            decodeTokensPerSecond: extra.decode_tokens_per_s,
            timeToFirstTokenSeconds: extra.time_to_first_token_s,
            e2eLatencySeconds: extra.e2e_latency_s,
          };
        }
      }
      post({ type: 'stream-done', id, finishReason, usage });
    } catch (error) {
      postError(id, error);
    } finally {
      if (currentChat === ticket) currentChat = null;
    }
  });
}

function handleStop(chatId: number): void {
  if (currentChat?.id === chatId) {
    stopCurrentChat();
  } else {
    // Either still queued (then it must not start) or already finished (then this is harmless,
    // and ids are never reused).
    stoppedBeforeStart.add(chatId);
  }
}

function handleResetChat(id: number): void {
  stopCurrentChat();
  enqueue(async () => {
    try {
      // web-llm treats resetChat() without a model as a no-op.
      await engine.resetChat();
      reply(id, 'reset-chat', null);
    } catch (error) {
      postError(id, error);
    }
  });
}

function handleUnload(id: number): void {
  cancelUnfinishedLoads();
  stopCurrentChat();
  enqueue(async () => {
    try {
      await engine.unload();
      reply(id, 'unload', null);
    } catch (error) {
      postError(id, error);
    }
  });
}

async function handleIsCached(id: number, modelId: string, where: SourceFields): Promise<void> {
  // Read-only, so it does not wait behind a long download.
  try {
    reply(id, 'is-cached', await hasModelInCache(modelId, sourceConfig(where)));
  } catch (error) {
    postError(id, error);
  }
}

async function handleListCached(id: number, modelIds: string[], where: SourceFields): Promise<void> {
  // Read-only like is-cached; a download running meanwhile only makes the answer slightly old.
  try {
    const appConfig = sourceConfig(where);
    if (!usesCacheApi(appConfig)) {
      throw new Error(`Listing cached models reads the Cache API; cacheBackend is "${appConfig.cacheBackend}".`);
    }
    const snapshot = await snapshotCaches();
    const reports: CachedModelReport[] = [];
    for (const modelId of modelIds) {
      const found = await inspectModelCache(modelLocation(findRecord(modelId, appConfig)), snapshot);
      if (found.files.length === 0) continue;
      // hasModelInCache() throws on a tensor-cache.json that is not JSON; the report flags that file.
      const complete = await hasModelInCache(modelId, appConfig).catch(() => false);
      reports.push({ modelId, complete, ...found });
    }
    reply(id, 'list-cached', reports);
  } catch (error) {
    postError(id, error);
  }
}

function handleDeleteCached(id: number, modelId: string, where: SourceFields): void {
  enqueue(async () => {
    try {
      await deleteCachedModel(modelId, sourceConfig(where));
      reply(id, 'delete-cached', null);
    } catch (error) {
      postError(id, error);
    }
  });
}

/**
 * web-llm's deleteModelInCache() reads tensor-cache.json with fetchWithCache(), which
 * *downloads* it when absent (never-loaded or half-loaded model) — deleting would start a
 * download, or fail offline — and throws when it is not JSON (a mirror's error page, #289), so a
 * broken model could never be cleared. It also leaves tensor-cache.json itself behind. With the
 * Cache API backend every file of the model lives under its folder URL, so we delete by prefix.
 */
async function deleteCachedModel(modelId: string, appConfig: AppConfig): Promise<void> {
  const record = findRecord(modelId, appConfig);
  if (usesCacheApi(appConfig)) {
    const base = folderOf(record);
    const modelCache = await caches.open(WEB_LLM_CACHES.model);
    const inFolder = (await modelCache.keys()).filter((request) => request.url.startsWith(base));
    await Promise.all(inFolder.map((request) => modelCache.delete(request)));
  } else {
    await deleteModelInCache(modelId, appConfig);
  }
  await deleteModelWasmInCache(modelId, appConfig);
  await deleteChatConfigInCache(modelId, appConfig);
  // A loaded model keeps running from its GPU copy; deleting only affects the next load.
}

scope.onmessage = (event: MessageEvent<PageToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'load':
      handleLoad(message.id, message.modelId, message);
      break;
    case 'chat':
      handleChat(message);
      break;
    case 'stop':
      handleStop(message.chatId);
      break;
    case 'reset-chat':
      handleResetChat(message.id);
      break;
    case 'unload':
      handleUnload(message.id);
      break;
    case 'is-cached':
      void handleIsCached(message.id, message.modelId, message);
      break;
    case 'delete-cached':
      handleDeleteCached(message.id, message.modelId, message);
      break;
    case 'list-cached':
      void handleListCached(message.id, message.modelIds, message);
      break;
  }
};
