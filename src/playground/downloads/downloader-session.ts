/**
 * "下载模型到本机", without the DOM: fetch a model into this browser ahead of time, e.g. on a good
 * connection, so the chat demo later loads it from the cache. The view (view/model-downloader.ts)
 * renders the state and forwards the reader's clicks.
 *
 * web-llm has no download-only call: reload() downloads, then puts the model on the GPU. So this
 * loads the model and unloads it again at once — which also proves the downloaded files work.
 * A failure offers the right next step: a retry that continues where the download stopped, or,
 * when a cached file is damaged, deleting the model's files and downloading again. A build this
 * device cannot run (no WebGPU, no shader-f16) is refused before the click, with the reason.
 */

import { decideCapability, type CapabilityDecision, type EnvironmentDescription } from '../gpu/capability';
import { CATALOGUE, type CatalogueEntry } from '../catalogue';
import type { LoadProgress } from '../engine/chat-engine';
import { toEngineError, type EngineError } from '../engine/errors';
import { sameSource, type ModelSource } from '../sources/model-source';
import { currentModelSource, onModelSourceChange } from '../sources/source-store';
import { summarizeCache, type SourcedReport } from './cache-summary';
import type { ModelCacheEngine } from './model-cache-engine';
import { describeQuotaShortfall, downloadBlockedReason, modelLabel } from './plan';
import { recoveryFor } from './recovery';
import { scanCachedModels } from './scan';
import { persistIfFirstDownload, readStorageFigures, type StorageFigures } from './storage';

/** Where models come from, and news of the reader choosing another source. */
export interface SourceFeed {
  current(): ModelSource;
  onChange(listener: () => void): () => void;
}

export const SOURCE_STORE: SourceFeed = { current: currentModelSource, onChange: onModelSourceChange };

export interface DownloaderSessionOptions {
  /** An engine of its own: downloading loads the model and unloads it again. */
  engine: ModelCacheEngine;
  catalogue?: readonly CatalogueEntry[];
  /** Reads this browser's WebGPU situation (probe-gpu.ts, in a worker on the page). */
  probe: () => Promise<EnvironmentDescription>;
  /** Called whenever the cached files may have changed (after a download, failed or not). */
  onCacheChange?: () => void;
  source?: SourceFeed;
  /** What the caches hold; default scan.ts. */
  scan?: (engine: ModelCacheEngine, modelIds: readonly string[], current: ModelSource) => Promise<SourcedReport[]>;
  storage?: () => Promise<StorageFigures | null>;
  /** Asks to keep the files after a first download; returns the sentence for the reader. */
  persist?: (wasCachedBefore: boolean) => Promise<string | null>;
}

export interface DownloadFailure {
  message: string;
  /** File, host and status code, for 技术细节. */
  details: string;
  /** What the offered action does; '' when none is offered. */
  recovery: string;
  offer: 'resume' | 'clean-redownload' | null;
}

export interface DownloaderState {
  selectedId: string;
  /** Why this build cannot be downloaded here, said before the click; null when it can (or is not known yet). */
  blockedReason: string | null;
  running: boolean;
  /** web-llm's last report while loading; null before the first one. */
  progress: LoadProgress | null;
  /** What happens while there is no progress report yet. */
  activity: string;
  failure: DownloadFailure | null;
  /** The outcome of the last finished or cancelled download. */
  done: string;
  /** Counts changes of the cached files or of the source: the download plan is out of date. */
  cacheVersion: number;
}

export class DownloaderSession {
  readonly catalogue: readonly CatalogueEntry[];
  /** Settles once the probe answered: a click before that waits for it. */
  readonly probed: Promise<void>;
  private state: DownloaderState;
  private capability: CapabilityDecision | null = null;
  private readonly listeners = new Set<(state: DownloaderState) => void>();
  private readonly source: SourceFeed;
  private readonly stopListening: () => void;

  constructor(private readonly options: DownloaderSessionOptions) {
    this.catalogue = options.catalogue ?? CATALOGUE;
    this.source = options.source ?? SOURCE_STORE;
    // q4f32 runs on every WebGPU device; the f16 builds need shader-f16.
    const first = this.catalogue.find((entry) => entry.quantization === 'q4f32_1') ?? this.catalogue[0];
    this.state = {
      selectedId: first?.id ?? '',
      blockedReason: null,
      running: false,
      progress: null,
      activity: '',
      failure: null,
      done: '',
      cacheVersion: 0,
    };
    this.probed = options.probe().then((env) => {
      this.capability = decideCapability(env);
      this.set({ blockedReason: this.blockedReason() });
    });
    this.stopListening = this.source.onChange(() => this.set({ cacheVersion: this.state.cacheVersion + 1 }));
  }

  getState(): DownloaderState {
    return this.state;
  }

  subscribe(listener: (state: DownloaderState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get selected(): CatalogueEntry {
    return this.catalogue.find((entry) => entry.id === this.state.selectedId) ?? this.catalogue[0]!;
  }

  select(modelId: string): void {
    if (this.state.running) return;
    this.state = { ...this.state, selectedId: modelId };
    this.set({ failure: null, done: '', blockedReason: this.blockedReason() });
  }

  /** 下载到本机: refused, with the reason already shown, when this device cannot run the build. */
  async start(): Promise<void> {
    await this.probed;
    if (this.blockedReason() === null) await this.download({ deleteFirst: false });
  }

  /** 重试: web-llm skips the files it has, so loading again continues the download. */
  retry(): Promise<void> {
    return this.download({ deleteFirst: false });
  }

  /** 删除已下载的文件，重新下载. */
  cleanRedownload(): Promise<void> {
    return this.download({ deleteFirst: true });
  }

  cancel(): void {
    void this.options.engine.unload();
  }

  destroy(): void {
    this.stopListening();
  }

  private blockedReason(): string | null {
    return this.capability === null ? null : downloadBlockedReason(this.selected, this.capability);
  }

  private async download({ deleteFirst }: { deleteFirst: boolean }): Promise<void> {
    if (this.state.running) return;
    const { engine } = this.options;
    const entry = this.selected;
    this.set({ running: true, failure: null, done: '', progress: null, activity: '正在准备……' });
    try {
      if (deleteFirst) {
        this.set({ activity: '正在删除已下载的文件……' });
        await engine.deleteCached(entry.id);
      }
      const wasCached = await engine.isCached(entry.id);
      await engine.load(entry.id, { onProgress: (progress) => this.set({ progress }) });
      await engine.unload();
      const persisted = await (this.options.persist ?? persistIfFirstDownload)(wasCached);
      this.set({ done: `${modelLabel(entry)} 已下载到本机并试运行成功，之后加载不需要再下载。${persisted ?? ''}` });
    } catch (error) {
      const engineError = toEngineError(error);
      if (engineError.kind === 'load-cancelled') {
        this.set({ done: '已取消下载。已下载的文件会保留，下次会从中断处继续。' });
      } else {
        this.set({ failure: await this.explainFailure(entry, engineError) });
      }
    } finally {
      this.set({ running: false, progress: null, activity: '', cacheVersion: this.state.cacheVersion + 1 });
      this.options.onCacheChange?.();
    }
  }

  private async explainFailure(entry: CatalogueEntry, error: EngineError): Promise<DownloadFailure> {
    const { engine } = this.options;
    const current = this.source.current();
    const scan = this.options.scan ?? scanCachedModels;
    const found = await scan(
      engine,
      this.catalogue.map((e) => e.id),
      current,
    ).catch(() => []);
    const own = found.find(({ source, report }) => sameSource(source, current) && report.modelId === entry.id)?.report;
    if (error.kind === 'storage-quota') {
      // A 1k build shares its files with the full-context one: deleting it would delete this
      // model, so it is not offered as room to make.
      const ownFiles = new Set(own?.files.map((file) => file.url));
      const isOwn = ({ report }: SourcedReport) => report.files.some((file) => ownFiles.has(file.url));
      const cachedOfThis = own?.files.reduce((sum, file) => sum + file.bytes, 0) ?? 0;
      const others = summarizeCache(
        found.filter((item) => !isOwn(item)),
        this.catalogue,
      ).rows.map((row) => ({ label: row.label, bytes: row.bytes }));
      const storage = await (this.options.storage ?? readStorageFigures)();
      return {
        message: describeQuotaShortfall(Math.max(0, entry.estimatedDownloadBytes - cachedOfThis), storage, others),
        details: error.details,
        recovery: '',
        offer: null,
      };
    }
    const recovery = recoveryFor(error.kind, own);
    return {
      message: error.message,
      details: error.details,
      recovery: recovery.action === 'none' ? '' : recovery.message,
      offer: recovery.action === 'none' ? null : recovery.action,
    };
  }

  private set(patch: Partial<DownloaderState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}
