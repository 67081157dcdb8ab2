/**
 * The arena's state and behaviour, without any DOM: one prompt, one set of sampling settings and
 * one seed, sent to a Qwen build and a Llama build.
 *
 * Each side is a ChatSession of its own over its own engine: web-llm's interruptGenerate() is
 * engine-wide, so 停止 on one side must not reach the other, and the chat island's loading,
 * cancelling, streaming, metrics and error handling apply to each side unchanged. The arena adds
 * what concerns both sides at once: the shared round, the order of loading (both at once, or one
 * after the other when the pair would not fit in VRAM together), blind labels and votes.
 */

import {
  buildFitsDevice,
  CATALOGUE,
  DEFAULT_GENERATION,
  RECOMMENDED_SAMPLING,
  type CatalogueEntry,
  type DeviceProfile,
} from '../catalogue';
import type { CapabilityDecision, EnvironmentDescription } from '../gpu/capability';
import {
  ChatSession,
  normaliseSettings,
  SETTING_LIMITS,
  type ChatErrorState,
  type ChatSessionOptions,
  type ChatSettings,
  type ChatState,
  type ChatTurn,
} from '../session/chat-session';
import { formatMegabytes } from '../ui/bytes';
import type { PlanFiles } from '../downloads/plan';
import type { ChatEngine, FinishReason } from '../engine/chat-engine';
import { probeGpuInWorker } from '../gpu/probe-in-worker';
import { compareAnswerLanguage } from './language';
import { LazyEngine } from './lazy-engine';
import { planPair, suggestedPairs, type PairPlan, type SuggestedPair } from './pairs';
import { localTimestamp, type ArenaRound, type ArenaSideResult, type ExportEnvironment } from './round-export';
import type { SharedRound } from './share-url';
import { clearVotes, readVotes, saveVote, type Verdict, type Vote } from './votes';
import { MODEL_FAMILIES, type ModelFamily } from '../../lib/model-families';

export type ArenaSettings = Omit<ChatSettings, 'enableThinking'>;

/** Where one side is in the current round. */
export type SideRun =
  | 'idle'
  /** Waiting for its turn (the other model answers first, or the round is starting). */
  | 'queued'
  | 'active'
  /** Stopped before it could answer. */
  | 'skipped'
  | 'settled';

export interface RoundSetup {
  prompt: string;
  system: string;
  sampling: ArenaRound['sampling'];
  /** ISO time. */
  startedAt: string;
}

export interface ArenaState {
  status: 'checking' | 'unsupported' | 'ready';
  capability: CapabilityDecision | null;
  device: DeviceProfile | null;
  /** The GPU as the browser names it, for the export; '未知' when it does not say. */
  gpuAdapter: string;
  /** Blind mode for the next round. */
  blind: boolean;
  /** Which family answers in column A. */
  sideA: ModelFamily;
  /** Whether the reader may see which model wrote which answer. */
  revealed: boolean;
  settings: ArenaSettings;
  /** The prompt box. */
  draft: string;
  round: RoundSetup | null;
  runs: Readonly<Record<ModelFamily, SideRun>>;
  running: boolean;
  vote: Verdict | null;
  votes: readonly Vote[];
  /** False when the browser refused to keep the last vote (it still counts on screen). */
  voteStored: boolean;
  notice: string | null;
}

export type VoteStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What the arena runs on: web-llm on the GPU (the default), or the CPU path (cpu/cpu-arena.ts). */
export interface ArenaBackend {
  /** The builds both sides choose from. */
  catalogue: readonly CatalogueEntry[];
  /** Replaces the WebGPU probe when the engines need no GPU. */
  capability?: ChatSessionOptions['capability'];
  pairs(device: DeviceProfile): SuggestedPair[];
  plan(qwen: CatalogueEntry, llama: CatalogueEntry, device: DeviceProfile | null): PairPlan;
  /** The memory the pair needs, in a sentence for the reader ('' when the plan's reason says it). */
  describeMemory(plan: PairPlan): string;
  /** The files the download plan lists; by default web-llm's. */
  downloads?: PlanFiles;
  /** The hardware the export names; by default the GPU as the browser describes it. */
  hardware?: string;
  /** What the export names as the engine of a round; by default web-llm and the GPU. */
  exportEnvironment?: (round: ArenaRound) => ExportEnvironment;
  /** The island's introduction. */
  intro: string;
}

/** The size-matched pairs this device can run, in the quantization it runs best (f16 if it can). */
export function pairsForDevice(device: DeviceProfile): SuggestedPair[] {
  return suggestedPairs(device.shaderF16 ? 'q4f16_1' : 'q4f32_1').filter(
    (pair) => buildFitsDevice(pair.qwen, device) && buildFitsDevice(pair.llama, device),
  );
}

export const WEBGPU_ARENA: ArenaBackend = {
  catalogue: CATALOGUE,
  pairs: pairsForDevice,
  plan: (qwen, llama, device) => planPair(qwen, llama, device?.vramBudgetMB),
  describeMemory: (plan) => `两个模型合计需要显存约 ${formatMegabytes(plan.totalVramMB)}。`,
  intro:
    '把同一个提示词、同样的采样设置和随机种子交给一个 Qwen 模型和一个 Llama 模型，在你的浏览器里用你自己的显卡生成，并排比较回答、速度和回答用的语言。提示词和回答都不会发送到任何服务器；只有模型文件需要下载。',
};

export interface ArenaSessionOptions {
  /** Called at most once per family, on the first action that needs a model. */
  engineFactory: (family: ModelFamily) => ChatEngine;
  /** Default WEBGPU_ARENA. */
  backend?: ArenaBackend;
  probe?: () => Promise<EnvironmentDescription>;
  /** Where votes are kept; null keeps them for this page only. */
  storage?: VoteStorage | null;
  /** Blind assignment and random seeds. */
  random?: () => number;
  /** Page clock for answer timing (performance.now). */
  now?: () => number;
  /** Wall clock for dates (Date.now). */
  clock?: () => number;
  /** Called before either side loads a model, so other demos on the page can free the GPU. */
  onWillLoad?: () => void;
}

interface Side {
  engine: LazyEngine;
  session: ChatSession;
}

/**
 * The two families recommend different temperature and top_p; one round needs one value, so the
 * default is halfway between them and favours neither.
 */
function midway(key: keyof (typeof RECOMMENDED_SAMPLING)['qwen']): number {
  return Math.round(((RECOMMENDED_SAMPLING.qwen[key] + RECOMMENDED_SAMPLING.llama[key]) / 2) * 100) / 100;
}

export const ARENA_DEFAULT_SETTINGS: ArenaSettings = {
  systemPrompt: '',
  temperature: midway('temperature'),
  topP: midway('top_p'),
  maxTokens: DEFAULT_GENERATION.maxTokens,
  seed: null,
};

export const ARENA_NOTICES = {
  noVote: '有一侧没有完整的回答，这一轮不能投票，已显示两边的模型。',
} as const;

const IDLE_RUNS: Record<ModelFamily, SideRun> = { qwen: 'idle', llama: 'idle' };

export const otherFamily = (family: ModelFamily): ModelFamily => (family === 'qwen' ? 'llama' : 'qwen');

export function describeAdapter(env: EnvironmentDescription | null): string {
  const info = env?.adapter?.info;
  const parts = [info?.vendor, info?.architecture, info?.description].filter((part) => part !== undefined && part !== '');
  return parts.length === 0 ? '未知' : parts.join(' / ');
}

export function lastAnswer(state: ChatState): ChatTurn | undefined {
  return state.turns.findLast((turn) => turn.role === 'assistant');
}

const FINISH_REASONS: Readonly<Record<ChatTurn['state'], FinishReason | null>> = {
  streaming: null,
  error: null,
  done: 'stop',
  length: 'length',
  stopped: 'abort',
};

export class ArenaSession {
  readonly sides: Readonly<Record<ModelFamily, Side>>;
  readonly backend: ArenaBackend;
  private state: ArenaState;
  private readonly listeners = new Set<(state: ArenaState) => void>();
  private readonly storage: VoteStorage | null;
  private readonly random: () => number;
  private readonly clock: () => number;
  private environment: Promise<EnvironmentDescription> | null = null;
  private capabilityCheck: Promise<void> | null = null;

  constructor(private readonly options: ArenaSessionOptions) {
    this.storage = options.storage ?? null;
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? Date.now;
    const backend = options.backend ?? WEBGPU_ARENA;
    this.backend = backend;
    const side = (family: ModelFamily): Side => {
      const engine = new LazyEngine(() => options.engineFactory(family));
      const session = new ChatSession({
        engine,
        // Only this family's builds: the session picks its default build and its 换一个更小的模型
        // from here, and the Llama side must never switch to a Qwen build.
        catalogue: backend.catalogue.filter((entry) => entry.family === family),
        probe: () => this.probe(),
        ...(backend.capability === undefined ? {} : { capability: backend.capability }),
        ...(options.now === undefined ? {} : { now: options.now }),
        // A 重试 from one side's error panel loads outside the arena's own sequence; when the pair
        // does not fit in memory together, the other model has to make room.
        onWillLoad: () => {
          options.onWillLoad?.();
          if (this.plan?.mode === 'one-after-another') this.sides[otherFamily(family)].session.release();
        },
      });
      session.subscribe(() => this.emit());
      return { engine, session };
    };
    this.sides = { qwen: side('qwen'), llama: side('llama') };
    this.state = {
      status: 'checking',
      capability: null,
      device: null,
      gpuAdapter: '未知',
      blind: false,
      sideA: 'qwen',
      revealed: true,
      settings: ARENA_DEFAULT_SETTINGS,
      draft: '',
      round: null,
      runs: IDLE_RUNS,
      running: false,
      vote: null,
      votes: this.storage === null ? [] : readVotes(this.storage),
      voteStored: true,
      notice: null,
    };
  }

  getState(): ArenaState {
    return this.state;
  }

  /** Also called when either side's ChatSession changes. */
  subscribe(listener: (state: ArenaState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  entry(family: ModelFamily): CatalogueEntry | null {
    return this.sides[family].session.selectedEntry;
  }

  /** A build of this arena's catalogue, by id (the names shown once the models are revealed). */
  findEntry(modelId: string): CatalogueEntry | undefined {
    return this.backend.catalogue.find((entry) => entry.id === modelId);
  }

  /** Combined download and VRAM, and whether both models can be loaded at once. */
  get plan(): PairPlan | null {
    const qwen = this.entry('qwen');
    const llama = this.entry('llama');
    return qwen === null || llama === null ? null : this.backend.plan(qwen, llama, this.state.device);
  }

  /** The families in column order (A, B). */
  get columns(): [ModelFamily, ModelFamily] {
    return [this.state.sideA, otherFamily(this.state.sideA)];
  }

  /** A side loading or answering, inside a round or on its own (a side's 重试). */
  get anySideBusy(): boolean {
    return MODEL_FAMILIES.some((family) => {
      const { status } = this.sides[family].session.getState();
      return status === 'loading' || status === 'generating';
    });
  }

  /** The side's selected build is loaded and ready. */
  hasModelLoaded(family: ModelFamily): boolean {
    const { loadedModelId, selectedModelId } = this.sides[family].session.getState();
    return loadedModelId !== null && loadedModelId === selectedModelId;
  }

  /** 加载 preloads both models; only offered when they fit in VRAM together. */
  get canLoad(): boolean {
    return (
      this.state.status === 'ready' &&
      this.plan?.mode === 'together' &&
      !this.state.running &&
      !this.anySideBusy &&
      MODEL_FAMILIES.some((family) => !this.hasModelLoaded(family))
    );
  }

  /** Whether a round could run now, whatever the prompt. */
  private get idle(): boolean {
    return this.state.status === 'ready' && this.plan !== null && !this.state.running && !this.anySideBusy;
  }

  get canStart(): boolean {
    return this.idle && this.state.draft.trim() !== '';
  }

  get canRegenerate(): boolean {
    return this.idle && this.state.round !== null;
  }

  get canVote(): boolean {
    const { round, running, revealed } = this.state;
    if (round === null || running || revealed) return false;
    return MODEL_FAMILIES.every((family) => {
      const answer = lastAnswer(this.sides[family].session.getState());
      return answer !== undefined && answer.state !== 'error' && answer.state !== 'streaming' && answer.content.trim() !== '';
    });
  }

  // ---- capability and choices ----------------------------------------------------------------

  /** Probes the GPU once for both sides (no download, no worker) and picks a size-matched pair. */
  checkCapability(): Promise<void> {
    this.capabilityCheck ??= this.runCapabilityCheck();
    return this.capabilityCheck;
  }

  private probe(): Promise<EnvironmentDescription> {
    this.environment ??= (this.options.probe ?? probeGpuInWorker)();
    return this.environment;
  }

  private async runCapabilityCheck(): Promise<void> {
    await Promise.all(MODEL_FAMILIES.map((family) => this.sides[family].session.checkCapability()));
    const { capability, device } = this.sides.qwen.session.getState();
    if (capability?.ok !== true || device === null) {
      this.set({ status: 'unsupported', capability, device: null });
      return;
    }
    const gpuAdapter = this.backend.hardware ?? describeAdapter(await this.probe().catch(() => null));
    this.set({ status: 'ready', capability, device, gpuAdapter });
    // Without a suggested pair each side keeps its session's default: the smallest build that fits.
    const pair = this.backend.pairs(device)[0];
    if (pair !== undefined) this.selectPair(pair);
    this.updateSettings({});
  }

  /** Ignored for a build of the other family, one this device cannot run, or while busy. */
  selectModel(family: ModelFamily, modelId: string): void {
    const entry = this.findEntry(modelId);
    const device = this.state.device;
    if (entry?.family !== family || device === null || !buildFitsDevice(entry, device)) return;
    if (this.state.running || this.anySideBusy) return;
    this.sides[family].session.selectModel(modelId);
    // A shorter context window may lower the allowed answer length.
    this.updateSettings({});
  }

  selectPair(pair: SuggestedPair): void {
    this.selectModel('qwen', pair.qwen.id);
    this.selectModel('llama', pair.llama.id);
  }

  /** Applies to the next round; before any round it also hides the names at once. */
  setBlind(blind: boolean): void {
    if (this.state.running) return;
    this.set({ blind, ...(this.state.round === null ? { revealed: !blind } : {}) });
  }

  /** Clamped for the narrower of the two context windows, so both sides get the same values. */
  updateSettings(patch: Partial<ArenaSettings>): void {
    const narrowest = MODEL_FAMILIES.map((family) => this.entry(family))
      .filter((entry) => entry !== null)
      .sort((a, b) => a.contextWindow - b.contextWindow)[0];
    const clamped = normaliseSettings({ ...this.state.settings, ...patch, enableThinking: false }, narrowest ?? null);
    const { systemPrompt, temperature, topP, maxTokens, seed } = clamped;
    this.set({ settings: { systemPrompt, temperature, topP, maxTokens, seed } });
  }

  setDraft(draft: string): void {
    if (draft !== this.state.draft) this.set({ draft });
  }

  /** Fills the form from a shared link. Never starts anything: the reader decides to download. */
  applyShared(shared: SharedRound): void {
    if (this.state.running) return;
    if (shared.qwen !== undefined) this.selectModel('qwen', shared.qwen);
    if (shared.llama !== undefined) this.selectModel('llama', shared.llama);
    const patch: Partial<ArenaSettings> = { systemPrompt: shared.system ?? '' };
    if (shared.temperature !== undefined) patch.temperature = shared.temperature;
    if (shared.top_p !== undefined) patch.topP = shared.top_p;
    if (shared.max_tokens !== undefined) patch.maxTokens = shared.max_tokens;
    if (shared.seed !== undefined) patch.seed = shared.seed;
    this.updateSettings(patch);
    this.setBlind(shared.blind === true);
    this.setDraft(shared.prompt);
  }

  /** What a shared link carries: the form, never the answers. */
  toShared(): SharedRound {
    const { settings, draft, blind } = this.state;
    const shared: SharedRound = {
      prompt: draft,
      system: settings.systemPrompt,
      temperature: settings.temperature,
      top_p: settings.topP,
      max_tokens: settings.maxTokens,
      blind,
    };
    if (settings.seed !== null) shared.seed = settings.seed;
    const qwen = this.entry('qwen');
    const llama = this.entry('llama');
    if (qwen !== null) shared.qwen = qwen.id;
    if (llama !== null) shared.llama = llama.id;
    return shared;
  }

  // ---- loading and answering -----------------------------------------------------------------

  async load(): Promise<void> {
    if (!this.canLoad) return;
    await Promise.all(MODEL_FAMILIES.map((family) => this.ensureLoaded(family)));
  }

  /**
   * Starts a round with the prompt box's text. Both sides get the same messages, sampling and
   * seed; an empty seed field draws one seed for the round, shown and exported with it.
   */
  async start(prompt: string = this.state.draft): Promise<boolean> {
    const plan = this.plan;
    if (!this.idle || plan === null || prompt.trim() === '') return false;
    const { settings, blind } = this.state;
    const seed = settings.seed ?? Math.floor(this.random() * (SETTING_LIMITS.seed.max + 1));
    const round: RoundSetup = {
      prompt,
      system: settings.systemPrompt,
      sampling: { temperature: settings.temperature, top_p: settings.topP, max_tokens: settings.maxTokens, seed },
      startedAt: localTimestamp(this.clock()),
    };
    const sideA: ModelFamily = blind && this.random() < 0.5 ? 'llama' : 'qwen';
    this.set({
      round,
      sideA,
      revealed: !blind,
      vote: null,
      voteStored: true,
      runs: { qwen: 'queued', llama: 'queued' },
      running: true,
      notice: null,
    });
    // Each round is a fresh single-turn conversation: an earlier answer must not be in the
    // context, and a prompt prefilled from scratch on both sides keeps prefill speeds comparable.
    await Promise.all(MODEL_FAMILIES.map((family) => this.sides[family].session.newConversation()));
    const order = this.columns;
    if (plan.mode === 'together') {
      await Promise.all(order.map((family) => this.answerOn(family, round)));
    } else {
      // A model left loaded by 加载 or a side's 重试 would otherwise share VRAM with the first.
      await Promise.all(MODEL_FAMILIES.map((family) => this.free(family)));
      for (const family of order) {
        if (this.state.runs[family] === 'skipped') continue;
        await this.answerOn(family, round);
        await this.free(family);
      }
    }
    this.set({ running: false });
    if (!this.state.revealed && !this.canVote) this.set({ revealed: true, notice: ARENA_NOTICES.noVote });
    return true;
  }

  /**
   * The round's prompt again, with the settings as they are now: an unchanged fixed seed
   * reproduces the answers, an empty seed field draws a new one.
   */
  async regenerate(): Promise<boolean> {
    const round = this.state.round;
    return round === null ? false : this.start(round.prompt);
  }

  /** Stops one side: skips it if it has not started, cancels its load, or ends its answer. */
  stop(family: ModelFamily): void {
    const run = this.state.runs[family];
    if (!this.state.running || (run !== 'queued' && run !== 'active')) return;
    const session = this.sides[family].session;
    if (session.getState().status === 'generating') {
      session.stop();
      return;
    }
    this.setRun(family, 'skipped');
    session.cancelLoad();
  }

  stopAll(): void {
    for (const family of MODEL_FAMILIES) this.stop(family);
  }

  /**
   * Frees the GPU for another demo on the page: a running round stops (what was written stays on
   * screen) and both models unload.
   */
  release(): void {
    this.stopAll();
    for (const family of MODEL_FAMILIES) this.sides[family].session.release();
  }

  /** Clears the answers and the prompt; loaded models stay loaded. */
  async newRound(): Promise<void> {
    if (this.state.running) return;
    this.set({ round: null, runs: IDLE_RUNS, vote: null, revealed: !this.state.blind, draft: '', notice: null });
    await Promise.all(MODEL_FAMILIES.map((family) => this.sides[family].session.newConversation()));
  }

  // ---- errors that both sides share ----------------------------------------------------------

  /**
   * Both sides failed the same way (both downloads blocked, say): the reader gets one message and
   * one action for both instead of one per side. Null when only one side failed, or each its own way.
   */
  get sharedError(): ChatErrorState | null {
    const [qwen, llama] = MODEL_FAMILIES.map((family) => this.sides[family].session.getState().error);
    if (qwen === null || qwen === undefined || llama === null || llama === undefined) return null;
    return qwen.kind === llama.kind && qwen.action === llama.action && qwen.message === llama.message ? qwen : null;
  }

  /**
   * Both sides again: the round if there was one (loading and answering in the arena's order),
   * else both loads — one after the other when the pair does not fit in VRAM together.
   */
  async retryBoth(): Promise<void> {
    if (this.canRegenerate) {
      await this.regenerate();
      return;
    }
    await this.retrySides(MODEL_FAMILIES.filter((family) => this.sides[family].session.getState().error !== null));
  }

  /**
   * After the reader switched the download source from one side's error: the source is the
   * whole site's, so every side that failed for want of a working source tries again on the new
   * one — both sides when both did, as 重试 for both would — while a side that loaded, or failed
   * for another reason, is left as it is.
   */
  async retryAfterSourceSwitch(): Promise<void> {
    const failed = MODEL_FAMILIES.filter((family) => this.sides[family].session.getState().error?.sourceMayHelp === true);
    if (failed.length === MODEL_FAMILIES.length) await this.retryBoth();
    else await this.retrySides(failed);
  }

  /** Each side's own 重试, together or one after the other as the pair fits in VRAM. */
  private async retrySides(families: readonly ModelFamily[]): Promise<void> {
    if (this.plan?.mode === 'together') {
      await Promise.all(families.map((family) => this.sides[family].session.retry()));
      return;
    }
    for (const family of families) {
      // Wait until the other model's GPU memory is free, as a round does.
      await this.free(otherFamily(family));
      await this.sides[family].session.retry();
    }
  }

  /** The shared error's action on both sides; false when it needs the page ('reload-page'). */
  async runSharedErrorAction(): Promise<boolean> {
    const error = this.sharedError;
    if (error === null || error.action === 'none' || error.action === 'reload-page') return false;
    if (error.action === 'retry') {
      await this.retryBoth();
      return true;
    }
    // One side after the other: two loads at once might not fit in VRAM.
    for (const family of MODEL_FAMILIES) await this.sides[family].session.runErrorAction();
    this.updateSettings({});
    return true;
  }

  dismissSharedError(): void {
    for (const family of MODEL_FAMILIES) this.sides[family].session.dismissError();
  }

  // ---- votes ---------------------------------------------------------------------------------

  vote(verdict: Verdict): void {
    const round = this.state.round;
    if (!this.canVote || round === null) return;
    const vote: Vote = {
      models: { qwen: this.answeredBy('qwen'), llama: this.answeredBy('llama') },
      sideA: this.state.sideA,
      verdict,
      prompt: round.prompt,
      at: this.clock(),
    };
    const storage = this.storage;
    const stored = storage !== null && saveVote(storage, vote);
    // Re-read rather than append: another tab may have voted since this page loaded.
    const votes = storage !== null && stored ? readVotes(storage) : [...this.state.votes, vote];
    this.set({ vote: verdict, revealed: true, votes, voteStored: stored });
  }

  clearHistory(): void {
    if (this.storage !== null) clearVotes(this.storage);
    this.set({ votes: [] });
  }

  // ---- results -------------------------------------------------------------------------------

  sideResult(family: ModelFamily): ArenaSideResult {
    const state = this.sides[family].session.getState();
    const answer = lastAnswer(state);
    const text = answer?.content ?? '';
    const finished = answer !== undefined && answer.state !== 'streaming';
    const prompt = this.state.round?.prompt;
    return {
      family,
      modelId: this.answeredBy(family),
      text,
      finishReason: answer === undefined ? null : FINISH_REASONS[answer.state],
      metrics: answer?.metrics ?? null,
      language: finished && prompt !== undefined && text.trim() !== '' ? compareAnswerLanguage(prompt, text) : null,
      error: state.error?.message ?? null,
    };
  }

  /** The finished round for export; null before a round or while it runs. */
  result(): ArenaRound | null {
    const { round, running } = this.state;
    if (round === null || running) return null;
    return { ...round, sides: MODEL_FAMILIES.map((family) => this.sideResult(family)) };
  }

  async dispose(): Promise<void> {
    await Promise.all(MODEL_FAMILIES.map((family) => this.sides[family].engine.dispose()));
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private async ensureLoaded(family: ModelFamily): Promise<void> {
    if (!this.hasModelLoaded(family)) await this.sides[family].session.load();
  }

  private async answerOn(family: ModelFamily, round: RoundSetup): Promise<void> {
    if (this.state.runs[family] === 'skipped') return;
    this.setRun(family, 'active');
    const session = this.sides[family].session;
    const { temperature, top_p, max_tokens, seed } = round.sampling;
    session.updateSettings({
      systemPrompt: round.system,
      temperature,
      topP: top_p,
      maxTokens: max_tokens,
      seed,
      // Llama has no thinking mode; a reasoning Qwen3 against a direct Llama would compare modes.
      enableThinking: false,
    });
    await this.ensureLoaded(family);
    if (this.state.runs[family] === 'active') {
      await session.send(round.prompt);
      this.setRun(family, 'settled');
    }
  }

  /**
   * Unloads one side and waits until its GPU memory is free — also after a cancelled load, whose
   * unload may still be under way.
   */
  private async free(family: ModelFamily): Promise<void> {
    const { session, engine } = this.sides[family];
    session.release();
    await engine.unload().catch(() => undefined);
  }

  private answeredBy(family: ModelFamily): string {
    const state = this.sides[family].session.getState();
    return lastAnswer(state)?.modelId ?? state.selectedModelId ?? '';
  }

  private setRun(family: ModelFamily, run: SideRun): void {
    this.set({ runs: { ...this.state.runs, [family]: run } });
  }

  private set(patch: Partial<ArenaState>): void {
    this.state = { ...this.state, ...patch };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.state);
  }
}
