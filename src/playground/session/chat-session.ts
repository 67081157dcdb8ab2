/**
 * One conversation with one model, without any DOM: a small store driven by a ChatEngine. The chat
 * island runs one; the arena runs one for each side.
 *
 * Views read snapshots (getState) and call the methods below; they never talk to the engine. The
 * engine is only touched from load() on — before the reader presses 加载, nothing may start the
 * worker (WorkerChatEngine starts it on its first call, and with it a 2 MB download), so even the
 * "已缓存" badges wait until the engine exists.
 *
 * Stale results are a recurring hazard (a cancelled load finishing late, an answer still streaming
 * after 新对话), so every long operation carries a token and drops its results once superseded.
 */

import { CATALOGUE, DEFAULT_CONTEXT_WINDOW, DEFAULT_GENERATION, findCatalogueEntry, type CatalogueEntry, type DeviceProfile } from '../catalogue';
import { decideCapability, type CapabilityDecision, type EnvironmentDescription } from '../gpu/capability';
import type {
  ChatEngine,
  ChatMessage,
  ChatRequest,
  LoadProgress,
  SamplingParams,
} from '../engine/chat-engine';
import { toEngineError, type EngineError, type EngineErrorAction, type EngineErrorKind } from '../engine/errors';
import { answerMetrics, type AnswerMetrics, type AnswerTiming } from '../answer/metrics';
import { probeGpuInWorker } from '../gpu/probe-in-worker';
import { defaultBuildFor, deviceProfileOf, smallerBuildThan, supportsThinking } from './model-picker';
import { splitThinking } from './thinking';

export type ChatStatus =
  | 'checking'
  /** The capability check refused this browser; capability.message says why and what to do. */
  | 'unsupported'
  | 'idle'
  | 'loading'
  | 'ready'
  | 'generating'
  | 'error';

export type TurnState = 'streaming' | 'done' | 'stopped' | 'length' | 'error';

export interface ChatTurn {
  id: number;
  role: 'user' | 'assistant';
  content: string;
  state: TurnState;
  /** Assistant turns that finished with usage figures. */
  metrics: AnswerMetrics | null;
  /** Assistant turns: the model that wrote it. */
  modelId: string | null;
}

export interface ChatSettings {
  /** Empty = the model's own default system prompt. */
  systemPrompt: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  /** null = a different random answer each time. */
  seed: number | null;
  /** Qwen3 only. */
  enableThinking: boolean;
}

export interface ChatErrorState {
  kind: EngineErrorKind;
  action: EngineErrorAction;
  /** Chinese, from errors.ts; never a stack trace, file name, host or status code. */
  message: string;
  /** For the collapsed 技术细节: file, host, status, the browser's own words. */
  details: string;
  /** A network or host failure: another download source may work (errors.ts). */
  sourceMayHelp: boolean;
  /** What failed, so 重试 repeats that. */
  during: 'load' | 'chat' | 'reset';
  /** The model being loaded or used when it failed. */
  modelId: string | null;
}

export interface ChatState {
  status: ChatStatus;
  capability: CapabilityDecision | null;
  device: DeviceProfile | null;
  selectedModelId: string | null;
  /** The model being loaded (status 'loading'). */
  loadingModelId: string | null;
  loadedModelId: string | null;
  progress: LoadProgress | null;
  /** Known to be complete in the browser cache; only learned once the engine exists. */
  cachedModelIds: ReadonlySet<string>;
  turns: readonly ChatTurn[];
  lastMetrics: AnswerMetrics | null;
  settings: ChatSettings;
  error: ChatErrorState | null;
  /** A one-off remark for the status line (cancelled, model switched, …). */
  notice: string | null;
}

export interface ChatSessionOptions {
  engine: ChatEngine;
  probe?: () => Promise<EnvironmentDescription>;
  now?: () => number;
  catalogue?: readonly CatalogueEntry[];
  /**
   * Replaces the WebGPU probe for engines that need no GPU (the CPU path): what to tell the
   * reader and the device the catalogue is filtered for.
   */
  capability?: () => { capability: CapabilityDecision; device: DeviceProfile };
  /** Called just before a load starts, so other islands on the page can free their GPU memory. */
  onWillLoad?: () => void;
}

export const SETTING_LIMITS = {
  temperature: { min: 0, max: 2 },
  topP: { min: 0.01, max: 1 },
  maxTokens: { min: 1 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

export const NOTICES = {
  cancelled: '已取消加载。已经下载完的文件留在浏览器缓存里，下次加载时不必重新下载。',
  released: '页面上的另一个演示加载了模型，这里的模型已卸载，以免几个模型同时占用显存。',
  noSmaller: '已经是这台设备上能选的最小模型了：请关闭其他标签页和占用显卡的程序后再加载，或换一台设备。',
} as const;

type Listener = (state: ChatState) => void;

export class ChatSession {
  private state: ChatState;
  private readonly listeners = new Set<Listener>();
  private readonly engine: ChatEngine;
  /** The builds this session offers (the picker lists them). */
  readonly catalogue: readonly CatalogueEntry[];
  private readonly now: () => number;
  private capabilityCheck: Promise<void> | null = null;
  private engineStarted = false;
  private loadToken = 0;
  private chatToken = 0;
  private nextTurnId = 1;

  constructor(private readonly options: ChatSessionOptions) {
    this.engine = options.engine;
    this.catalogue = options.catalogue ?? CATALOGUE;
    this.now = options.now ?? (() => performance.now());
    this.state = {
      status: 'checking',
      capability: null,
      device: null,
      selectedModelId: null,
      loadingModelId: null,
      loadedModelId: null,
      progress: null,
      cachedModelIds: new Set(),
      turns: [],
      lastMetrics: null,
      settings: {
        systemPrompt: '',
        temperature: DEFAULT_GENERATION.temperature,
        topP: DEFAULT_GENERATION.topP,
        maxTokens: DEFAULT_GENERATION.maxTokens,
        seed: null,
        enableThinking: false,
      },
      error: null,
      notice: null,
    };
  }

  getState(): ChatState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get selectedEntry(): CatalogueEntry | null {
    return this.entry(this.state.selectedModelId);
  }

  /** Whether a message can be sent now (a model is loaded and nothing else is running). */
  get canSend(): boolean {
    const { status, loadedModelId } = this.state;
    return loadedModelId !== null && (status === 'ready' || status === 'error');
  }

  get canLoad(): boolean {
    const { status, capability } = this.state;
    return (
      capability?.ok === true &&
      this.state.selectedModelId !== null &&
      (status === 'idle' || status === 'ready' || status === 'error')
    );
  }

  // ---- capability and model choice -----------------------------------------------------------

  /** Probes the GPU once (no download, no engine) and picks the default build for this device. */
  checkCapability(): Promise<void> {
    this.capabilityCheck ??= this.runCapabilityCheck();
    return this.capabilityCheck;
  }

  private async runCapabilityCheck(): Promise<void> {
    const { capability, device } = this.options.capability?.() ?? (await this.probeWebGpu());
    if (!capability.ok || device === null) {
      this.set({ status: 'unsupported', capability, device: null });
      return;
    }
    const selected = defaultBuildFor('qwen', device, this.catalogue) ?? defaultBuildFor('llama', device, this.catalogue);
    this.set({ status: 'idle', capability, device });
    if (selected !== null) this.selectModel(selected.id);
  }

  private async probeWebGpu(): Promise<{ capability: CapabilityDecision; device: DeviceProfile | null }> {
    const probe = this.options.probe ?? probeGpuInWorker;
    let env: EnvironmentDescription;
    try {
      env = await probe();
    } catch {
      env = { isSecureContext: globalThis.isSecureContext === true, hasNavigatorGpu: false, adapter: null };
    }
    const capability = decideCapability(env);
    return { capability, device: capability.ok ? deviceProfileOf(env) : null };
  }

  /** Also resets temperature/top_p to the new model's recommended values. */
  selectModel(modelId: string): void {
    const entry = this.entry(modelId);
    if (entry === null || modelId === this.state.selectedModelId) return;
    const { temperature, top_p } = entry.recommendedSampling;
    this.set({
      selectedModelId: modelId,
      settings: {
        ...this.state.settings,
        temperature,
        topP: top_p,
        maxTokens: Math.min(this.state.settings.maxTokens, entry.contextWindow),
      },
    });
  }

  updateSettings(patch: Partial<ChatSettings>): void {
    this.set({ settings: normaliseSettings({ ...this.state.settings, ...patch }, this.selectedEntry) });
  }

  // ---- loading -------------------------------------------------------------------------------

  /** Loads the selected model, or `modelId` (which then becomes the selection). */
  async load(modelId?: string): Promise<void> {
    await this.checkCapability();
    if (modelId !== undefined) this.selectModel(modelId);
    const target = this.state.selectedModelId;
    if (!this.canLoad || target === null) return;
    await this.loadModel(target);
  }

  private async loadModel(modelId: string): Promise<void> {
    this.options.onWillLoad?.();
    const token = ++this.loadToken;
    this.engineStarted = true;
    this.set({
      status: 'loading',
      loadingModelId: modelId,
      loadedModelId: null,
      progress: null,
      error: null,
      notice: null,
    });
    try {
      await this.engine.load(modelId, {
        onProgress: (progress) => {
          if (token === this.loadToken) this.set({ progress });
        },
      });
      if (token !== this.loadToken) return;
      const cached = new Set(this.state.cachedModelIds).add(modelId);
      this.set({ status: 'ready', loadingModelId: null, loadedModelId: modelId, progress: null, cachedModelIds: cached });
    } catch (thrown) {
      if (token !== this.loadToken) return;
      const error = toEngineError(thrown);
      if (error.kind === 'load-cancelled') {
        this.set({ status: 'idle', loadingModelId: null, progress: null, notice: NOTICES.cancelled });
      } else {
        this.set({
          status: 'error',
          loadingModelId: null,
          loadedModelId: this.engine.loadedModelId,
          progress: null,
          error: this.errorState(error, 'load', modelId),
        });
      }
    }
    void this.refreshCacheStatus();
  }

  /**
   * The reader does not wait for the engine: a download that never answers also delays the
   * engine's own acknowledgement, and the page must be usable at once.
   */
  cancelLoad(): void {
    if (this.state.status !== 'loading') return;
    this.loadToken++;
    this.set({ status: 'idle', loadingModelId: null, progress: null, notice: NOTICES.cancelled });
    this.engine.unload().catch(() => undefined);
  }

  /** Frees the GPU for another island on the page; the conversation stays on screen. */
  release(): void {
    if (!this.engineStarted) return;
    const { status, loadedModelId } = this.state;
    if (status !== 'loading' && status !== 'generating' && loadedModelId === null) return;
    this.loadToken++;
    this.abandonAnswer();
    this.set({ status: 'idle', loadingModelId: null, loadedModelId: null, progress: null, error: null, notice: NOTICES.released });
    this.engine.unload().catch(() => undefined);
  }

  /** Asks the engine which builds are fully cached; only once the engine exists (see top). */
  async refreshCacheStatus(): Promise<void> {
    if (!this.engineStarted || this.state.device === null) return;
    const cached = new Set<string>();
    await Promise.all(
      this.catalogue.map(async (entry) => {
        try {
          if (await this.engine.isCached(entry.id)) cached.add(entry.id);
        } catch {
          // A badge is a hint; an unreadable cache just shows none.
        }
      }),
    );
    this.set({ cachedModelIds: cached });
  }

  // ---- chatting ------------------------------------------------------------------------------

  /** Returns false when nothing was sent (no model, busy, or an empty message). */
  async send(text: string): Promise<boolean> {
    if (!this.canSend || text.trim() === '') return false;
    const user = this.turn('user', text, 'done');
    this.set({ turns: [...this.state.turns, user], error: null, notice: null });
    await this.answer();
    return true;
  }

  /** Ends the answer being written; it finishes with finishReason 'abort' and keeps its text. */
  stop(): void {
    if (this.state.status === 'generating') this.engine.stop();
  }

  async newConversation(): Promise<void> {
    this.abandonAnswer();
    const keepLoadError = this.state.error?.during === 'load' ? this.state.error : null;
    const status: ChatStatus =
      this.state.status === 'loading' || this.state.status === 'unsupported' || this.state.status === 'checking'
        ? this.state.status
        : this.state.loadedModelId !== null
          ? 'ready'
          : keepLoadError !== null
            ? 'error'
            : 'idle';
    this.set({ turns: [], lastMetrics: null, error: keepLoadError, notice: null, status });
    if (!this.engineStarted || this.state.loadedModelId === null) return;
    try {
      await this.engine.resetChat();
    } catch (thrown) {
      const error = toEngineError(thrown);
      this.set({
        status: 'error',
        loadedModelId: this.engine.loadedModelId,
        error: this.errorState(error, 'reset', this.state.loadedModelId),
      });
    }
  }

  // ---- errors --------------------------------------------------------------------------------

  /** Repeats what failed: the load, or the answer (after reloading the model if it was lost). */
  async retry(): Promise<void> {
    const error = this.state.error;
    if (error === null) return;
    if (error.during === 'reset') {
      await this.newConversation();
      return;
    }
    if (error.during === 'load' || this.engine.loadedModelId === null) {
      // The model that failed, even if the reader has since touched the picker.
      await this.load(error.modelId ?? undefined);
      if (error.during === 'load' || this.state.status !== 'ready') return;
    }
    if (this.lastUserTurn() === null) return;
    this.set({ turns: this.withoutFailedAnswer(), error: null, status: 'ready' });
    await this.answer();
  }

  /**
   * Deletes every cached file of the model that failed, then loads it again: the load downloads
   * afresh instead of reading the bad file back from the cache (see 'delete-and-reload').
   */
  async deleteFilesAndReload(): Promise<void> {
    const modelId = this.state.error?.modelId ?? null;
    await this.checkCapability();
    if (modelId === null || !this.canLoad) return;
    this.selectModel(modelId);
    const token = ++this.loadToken;
    this.engineStarted = true;
    this.set({ status: 'loading', loadingModelId: modelId, loadedModelId: null, progress: null, error: null, notice: null });
    try {
      await this.engine.deleteCached(modelId);
    } catch (thrown) {
      if (token !== this.loadToken) return;
      this.set({
        status: 'error',
        loadingModelId: null,
        loadedModelId: this.engine.loadedModelId,
        error: this.errorState(toEngineError(thrown), 'load', modelId),
      });
      return;
    }
    // 取消加载 while the files were being deleted.
    if (token !== this.loadToken) return;
    await this.loadModel(modelId);
  }

  /** Selects the next smaller build; loading it is left to the reader's 加载 (it downloads). */
  chooseSmallerModel(): CatalogueEntry | null {
    const current = this.selectedEntry;
    const device = this.state.device;
    if (current === null || device === null) return null;
    const smaller = smallerBuildThan(current, device, this.catalogue);
    if (smaller === null) {
      this.set({ error: null, status: this.state.loadedModelId !== null ? 'ready' : 'idle', notice: NOTICES.noSmaller });
      return null;
    }
    this.selectModel(smaller.id);
    this.set({
      error: null,
      status: this.state.loadedModelId !== null ? 'ready' : 'idle',
      notice: `已改选更小的模型：${smaller.displayName}（${smaller.quantization}）。点击“加载”开始下载。`,
    });
    return smaller;
  }

  /**
   * What the error's button does. 'reload-page' and 'none' need the page itself, so they are
   * left to the view (returns false).
   */
  async runErrorAction(): Promise<boolean> {
    switch (this.state.error?.action) {
      case 'retry':
        await this.retry();
        return true;
      case 'delete-and-reload':
        await this.deleteFilesAndReload();
        return true;
      case 'smaller-model':
        this.chooseSmallerModel();
        return true;
      case 'clear-conversation':
        await this.newConversation();
        return true;
      default:
        return false;
    }
  }

  dismissError(): void {
    if (this.state.error === null) return;
    this.set({ error: null, status: this.state.loadedModelId !== null ? 'ready' : 'idle' });
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private async answer(): Promise<void> {
    const token = ++this.chatToken;
    const modelId = this.state.loadedModelId;
    const placeholder = this.turn('assistant', '', 'streaming', modelId);
    const request = this.request();
    this.set({ turns: [...this.state.turns, placeholder], status: 'generating', error: null, notice: null });

    const timing: AnswerTiming = { requestedAtMs: this.now() };
    let text = '';
    try {
      for await (const event of this.engine.streamChat(request)) {
        if (token !== this.chatToken) return;
        if (event.type === 'delta') {
          timing.firstTextAtMs ??= this.now();
          text += event.text;
          this.updateTurn(placeholder.id, { content: text });
          continue;
        }
        timing.finishedAtMs = this.now();
        const { finishReason, usage } = event.result;
        const metrics = usage === null ? null : answerMetrics(usage, event.result.text, timing);
        this.updateTurn(placeholder.id, {
          content: event.result.text,
          state: finishReason === 'abort' ? 'stopped' : finishReason === 'length' ? 'length' : 'done',
          metrics,
        });
        this.set({ status: 'ready', lastMetrics: metrics ?? this.state.lastMetrics });
      }
    } catch (thrown) {
      if (token !== this.chatToken) return;
      const error = toEngineError(thrown);
      this.updateTurn(placeholder.id, { state: 'error' });
      this.set({
        status: 'error',
        loadedModelId: this.engine.loadedModelId,
        error: this.errorState(error, 'chat', modelId),
      });
    }
  }

  /** Stops listening to the answer in progress (it is marked stopped) and tells the engine. */
  private abandonAnswer(): void {
    this.chatToken++;
    const last = this.state.turns.at(-1);
    if (last?.state === 'streaming') {
      this.updateTurn(last.id, { state: 'stopped' });
      this.engine.stop();
    }
  }

  private request(): ChatRequest {
    const { settings } = this.state;
    const messages: ChatMessage[] = [];
    if (settings.systemPrompt.trim() !== '') messages.push({ role: 'system', content: settings.systemPrompt });
    messages.push(...conversationHistory(this.state.turns));
    const sampling: SamplingParams = {
      temperature: settings.temperature,
      top_p: settings.topP,
      max_tokens: settings.maxTokens,
    };
    if (settings.seed !== null) sampling.seed = settings.seed;
    const request: ChatRequest = { messages, sampling };
    const entry = this.entry(this.state.loadedModelId);
    if (entry !== null && supportsThinking(entry)) request.enableThinking = settings.enableThinking;
    return request;
  }

  private errorState(error: EngineError, during: ChatErrorState['during'], modelId: string | null): ChatErrorState {
    const { kind, action, message, details, sourceMayHelp } = error;
    return { kind, action, message, details, sourceMayHelp, during, modelId };
  }

  private lastUserTurn(): ChatTurn | null {
    const turns = this.withoutFailedAnswer();
    const last = turns.at(-1);
    return last?.role === 'user' ? last : null;
  }

  /** The turns minus a trailing failed (error) answer, which 重试 replaces. */
  private withoutFailedAnswer(): ChatTurn[] {
    const turns = [...this.state.turns];
    if (turns.at(-1)?.role === 'assistant' && turns.at(-1)?.state === 'error') turns.pop();
    return turns;
  }

  private turn(role: ChatTurn['role'], content: string, state: TurnState, modelId: string | null = null): ChatTurn {
    return { id: this.nextTurnId++, role, content, state, metrics: null, modelId };
  }

  private updateTurn(id: number, patch: Partial<Pick<ChatTurn, 'content' | 'state' | 'metrics'>>): void {
    this.set({ turns: this.state.turns.map((turn) => (turn.id === id ? { ...turn, ...patch } : turn)) });
  }

  private entry(modelId: string | null): CatalogueEntry | null {
    if (modelId === null) return null;
    return this.catalogue.find((e) => e.id === modelId) ?? findCatalogueEntry(modelId) ?? null;
  }

  private set(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}

/**
 * The messages the model sees: every completed exchange, oldest first. An exchange whose answer
 * failed or came back empty is left out entirely — a user message with no reply would make the
 * model answer two questions at once. Qwen3's reasoning is dropped from earlier answers, as its
 * chat template expects.
 */
export function conversationHistory(turns: readonly ChatTurn[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    if (turn.role !== 'user') continue;
    const reply = turns[i + 1];
    if (reply === undefined) {
      messages.push({ role: 'user', content: turn.content });
      continue;
    }
    if (reply.role !== 'assistant' || reply.state === 'error' || reply.state === 'streaming') continue;
    const answer = splitThinking(reply.content).answer;
    if (answer.trim() === '') continue;
    messages.push({ role: 'user', content: turn.content }, { role: 'assistant', content: answer });
  }
  return messages;
}

/** Clamps what the reader typed into what web-llm accepts (it rejects out-of-range values). */
export function normaliseSettings(settings: ChatSettings, entry: CatalogueEntry | null): ChatSettings {
  const clamp = (value: number, min: number, max: number, fallback: number) =>
    Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  const contextWindow = entry?.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
  const seed = settings.seed === null || !Number.isFinite(settings.seed) ? null : Math.trunc(settings.seed);
  return {
    ...settings,
    temperature: clamp(settings.temperature, SETTING_LIMITS.temperature.min, SETTING_LIMITS.temperature.max, DEFAULT_GENERATION.temperature),
    topP: clamp(settings.topP, SETTING_LIMITS.topP.min, SETTING_LIMITS.topP.max, DEFAULT_GENERATION.topP),
    maxTokens: Math.round(clamp(settings.maxTokens, SETTING_LIMITS.maxTokens.min, contextWindow, DEFAULT_GENERATION.maxTokens)),
    seed: seed === null ? null : clamp(seed, SETTING_LIMITS.seed.min, SETTING_LIMITS.seed.max, 0),
  };
}
