/**
 * The "本机已下载的模型" workflow, without the DOM: every model this browser holds, its size and
 * state, delete one, delete all, what the site uses of the browser's storage — and the
 * tokenizer demo's files, which are downloads of this site too. The view
 * (view/model-manager.ts) renders the state and forwards the reader's clicks.
 *
 * The listing runs in the engine worker (list-cached) with web-llm's own cache checks and the
 * same config a load would use, for the current source and the presets (see scan.ts). The CPU
 * path's GGUF files are listed and deleted through wllama's own cache (cpu/gguf-cache.ts).
 */

import { CATALOGUE, type CatalogueEntry } from '../catalogue';
import { CPU_CATALOGUE, findGgufBuild } from '../cpu/gguf-catalogue';
import { toEngineError } from '../engine/errors';
import { describeSource, sameSource, type ModelSource } from '../sources/model-source';
import { deleteKeptFiles, keptFiles, type KeptFiles } from '../tokenizer/file-cache';
import { aboutBytes, formatBytes } from '../ui/bytes';
import { describeRowState, summarizeCache, type CacheRow, type CacheRowState, type SourcedReport } from './cache-summary';
import { SOURCE_STORE, type SourceFeed } from './downloader-session';
import type { ModelCacheEngine } from './model-cache-engine';
import { scanCachedGguf, scanCachedModels } from './scan';
import { readStorageFigures, type StorageFigures } from './storage';

/** What the manager reads and deletes besides the engine; defaults are the browser's. */
export interface ManagerStores {
  scanModels(engine: ModelCacheEngine, modelIds: readonly string[], current: ModelSource): Promise<SourcedReport[]>;
  scanGguf(current: ModelSource): Promise<SourcedReport[]>;
  deleteGguf(modelId: string, source: ModelSource): Promise<void>;
  storage(): Promise<StorageFigures | null>;
  tokenizerFiles(): Promise<KeptFiles | null>;
  deleteTokenizerFiles(): Promise<void>;
}

const BROWSER_STORES: ManagerStores = {
  scanModels: scanCachedModels,
  scanGguf: scanCachedGguf,
  async deleteGguf(modelId, source) {
    const { deleteCachedGguf } = await import('../cpu/gguf-cache');
    await deleteCachedGguf(findGgufBuild(modelId)!, source);
  },
  storage: () => readStorageFigures(),
  tokenizerFiles: () => keptFiles(),
  deleteTokenizerFiles: () => deleteKeptFiles(),
};

export interface ModelManagerSessionOptions {
  engine: ModelCacheEngine;
  catalogue?: readonly CatalogueEntry[];
  source?: SourceFeed;
  stores?: Partial<ManagerStores>;
}

/** One line of the list: a model's files (under one source), or the tokenizer demo's files. */
export interface ManagerRow {
  key: string;
  kind: 'model' | 'tokenizer';
  label: string;
  bytes: number;
  state: CacheRowState;
  /** "已完整下载", or what is missing or damaged. */
  stateText: string;
  /** Several ids when builds share all their files; none for the tokenizer. */
  modelIds: string[];
  /** Set when the files came from another source than the one chosen now. */
  sourceNote: string | null;
}

export interface ManagerState {
  rows: ManagerRow[];
  /** What the files take and what the browser grants; '正在查看本机存储……' before the first listing. */
  storageText: string;
  /** Whether a listing has arrived (the empty message waits for it). */
  listed: boolean;
  /** A deletion is under way: every control waits. */
  busy: boolean;
  /** 全部删除 asked for confirmation. */
  confirming: boolean;
  /** The outcome of the last deletion. */
  status: string;
}

export const TOKENIZER_ROW_LABEL = 'Qwen 和 Llama 3 的分词器文件（分词器演示用）';

export class ModelManagerSession {
  private state: ManagerState = { rows: [], storageText: '正在查看本机存储……', listed: false, busy: false, confirming: false, status: '' };
  private readonly listeners = new Set<(state: ManagerState) => void>();
  private readonly catalogue: readonly CatalogueEntry[];
  private readonly source: SourceFeed;
  private readonly stores: ManagerStores;
  private readonly stopListening: () => void;
  /** The cache rows behind the model rows, by key: what deleting a row deletes. */
  private cacheRows = new Map<string, CacheRow>();
  /** Counts listings: an older listing that answers late must not overwrite a newer one. */
  private generation = 0;

  constructor(private readonly options: ModelManagerSessionOptions) {
    this.catalogue = options.catalogue ?? CATALOGUE;
    this.source = options.source ?? SOURCE_STORE;
    this.stores = { ...BROWSER_STORES, ...options.stores };
    this.stopListening = this.source.onChange(() => void this.refresh());
  }

  getState(): ManagerState {
    return this.state;
  }

  subscribe(listener: (state: ManagerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.stopListening();
  }

  /** Lists again; call after a load finished or failed elsewhere on the page. Never rejects. */
  async refresh(): Promise<void> {
    const mine = ++this.generation;
    try {
      const current = this.source.current();
      const { engine } = this.options;
      const found = [
        ...(await this.stores.scanModels(
          engine,
          this.catalogue.map((entry) => entry.id),
          current,
        )),
        ...(await this.stores.scanGguf(current)),
      ];
      const tokenizer = await this.stores.tokenizerFiles().catch(() => null);
      const storage = await this.stores.storage();
      if (mine !== this.generation) return;
      const summary = summarizeCache(found, [...this.catalogue, ...CPU_CATALOGUE]);
      this.cacheRows = new Map(summary.rows.map((row) => [row.key, row]));
      const rows = summary.rows.map((row) => modelRow(row, current));
      if (tokenizer !== null) rows.push(tokenizerRow(tokenizer));
      this.set({ rows, listed: true, storageText: describeStorage(summary.totalBytes, tokenizer, storage) });
    } catch (error) {
      if (mine === this.generation) this.set({ storageText: `没能读取本机已下载的模型：${toEngineError(error).message}` });
    }
  }

  /** 删除 on one row. Resolves once the list is read again. */
  remove(key: string): Promise<void> {
    const row = this.state.rows.find((candidate) => candidate.key === key);
    return row === undefined ? Promise.resolve() : this.removeRows([row]);
  }

  /** 全部删除 asks first; 取消 takes the question back. */
  askRemoveAll(confirming: boolean): void {
    this.set({ confirming });
  }

  /** 确认全部删除. */
  removeAll(): Promise<void> {
    this.set({ confirming: false });
    return this.removeRows(this.state.rows);
  }

  private async removeRows(targets: readonly ManagerRow[]): Promise<void> {
    if (this.state.busy || targets.length === 0) return;
    this.set({ busy: true });
    try {
      for (const row of targets) await this.deleteRow(row);
      const freed = targets.reduce((sum, row) => sum + row.bytes, 0);
      this.set({
        status:
          targets.length === 1
            ? `已删除 ${targets[0]!.label}，释放了 ${formatBytes(freed)}。`
            : `已删除全部${describeKinds(targets)}，释放了 ${formatBytes(freed)}。`,
      });
    } catch (error) {
      this.set({ status: `删除没有完成：${toEngineError(error).message}` });
    } finally {
      this.set({ busy: false });
    }
    await this.refresh();
  }

  private async deleteRow(row: ManagerRow): Promise<void> {
    if (row.kind === 'tokenizer') return this.stores.deleteTokenizerFiles();
    const cached = this.cacheRows.get(row.key);
    if (cached === undefined) return;
    // The second id of a row that shares files finds nothing left; deleting is idempotent.
    for (const modelId of cached.modelIds) {
      if (findGgufBuild(modelId) === undefined) await this.options.engine.deleteCached(modelId, { source: cached.source });
      else await this.stores.deleteGguf(modelId, cached.source);
    }
  }

  private set(patch: Partial<ManagerState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}

function modelRow(row: CacheRow, current: ModelSource): ManagerRow {
  return {
    key: row.key,
    kind: 'model',
    label: row.label,
    bytes: row.bytes,
    state: row.state,
    stateText: describeRowState(row),
    modelIds: row.modelIds,
    sourceNote: sameSource(row.source, current) ? null : `来自${describeSource(row.source)}（不是现在选用的下载源）`,
  };
}

function tokenizerRow(kept: KeptFiles): ManagerRow {
  return {
    key: 'tokenizer',
    kind: 'tokenizer',
    label: TOKENIZER_ROW_LABEL,
    bytes: kept.bytes,
    state: 'complete',
    stateText: '已保存，离线也能使用；删除后，分词器演示下次使用时会重新下载',
    modelIds: [],
    sourceNote: null,
  };
}

/** "模型", or "模型和分词器文件" when the tokenizer's files are among them. */
export function describeKinds(rows: readonly ManagerRow[]): string {
  return rows.some((row) => row.kind === 'tokenizer') ? '模型和分词器文件' : '模型';
}

function describeStorage(modelBytes: number, tokenizer: KeptFiles | null, storage: StorageFigures | null): string {
  const files = `模型文件共占用 ${formatBytes(modelBytes)}${tokenizer === null ? '' : `，分词器文件占用 ${formatBytes(tokenizer.bytes)}`}`;
  return storage === null
    ? `${files}。这个浏览器没有告诉本站存储上限。`
    : `${files}；本站在这个浏览器里一共占用 ${formatBytes(storage.usage)}，浏览器允许的上限${aboutBytes(storage.quota)}。`;
}
