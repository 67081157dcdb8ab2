/**
 * What a choice of models will download, before anything is downloaded.
 *
 * Sizes are the catalogue's estimates (prebuiltAppConfig has no download size), so every figure
 * says "约". A model that is already cached costs nothing; one that is half cached costs less than
 * its estimate, which is why the total is phrased as "at most about" only when that can happen.
 */

import type { CapabilityDecision } from '../gpu/capability';
import type { CatalogueEntry } from '../catalogue';
import { needsWebGpu } from '../gpu/quantization';
import { aboutBytes, formatBytes } from '../ui/bytes';
import type { StorageFigures } from './storage';

export interface PlanItem {
  entry: CatalogueEntry;
  /** Every weight shard is in the browser cache (engine.isCached). */
  cached: boolean;
}

export interface DownloadPlan {
  items: PlanItem[];
  /** Estimated bytes of the models that are not fully cached. */
  bytesToFetch: number;
  /** quota − usage, or null when the browser does not say. */
  available: number | null;
  /** Whether bytesToFetch fits in `available`; null when unknown. */
  fits: boolean | null;
  storage: StorageFigures | null;
}

/**
 * Why "下载到本机" cannot work for this build on this device, or null when it can: a build that
 * runs on WebGPU is tried on the GPU once downloaded, so it needs WebGPU (and shader-f16 for the
 * f16 builds). Asked per build: a build that needs no GPU is never held back by the GPU.
 */
export function downloadBlockedReason(entry: CatalogueEntry, capability: CapabilityDecision): string | null {
  if (!needsWebGpu(entry.quantization)) return null;
  if (!capability.ok) return `下载完要在显卡上试运行一次，需要 WebGPU，所以现在不能下载。${capability.message}`;
  if (!capability.allowedQuantizations.includes(entry.quantization)) {
    return `你的显卡不支持 16 位浮点着色器（shader-f16），运行不了 ${entry.quantization} 版本：请改选 q4f32_1 版本。`;
  }
  return null;
}

export function modelLabel(entry: CatalogueEntry): string {
  return `${entry.displayName} · ${entry.quantization}${entry.contextWindow === 1024 ? ' · 1k 上下文' : ''}`;
}

/** One model, or two for a side-by-side run; the same model twice is counted once. */
export function planDownload(items: readonly PlanItem[], storage: StorageFigures | null): DownloadPlan {
  const unique = items.filter((item, index) => items.findIndex((other) => other.entry.id === item.entry.id) === index);
  const bytesToFetch = unique.reduce((sum, item) => sum + (item.cached ? 0 : item.entry.estimatedDownloadBytes), 0);
  const available = storage === null ? null : Math.max(0, storage.quota - storage.usage);
  return {
    items: unique,
    bytesToFetch,
    available,
    fits: available === null ? null : bytesToFetch <= available,
    storage,
  };
}

/** Which files a plan is about: web-llm's by default, the CPU path's GGUF files (cpu/gguf-plan.ts). */
export interface PlanFiles {
  find(modelId: string): CatalogueEntry | undefined;
  /** Whether this browser holds any such files (asking the engine costs a download). */
  anythingCached(): Promise<boolean>;
  describe(plan: DownloadPlan): PlanText;
}

export interface PlanText {
  /** One line per model. */
  items: string[];
  summary: string;
  /** What the browser grants, when it says. */
  storage: string | null;
  /** Set when the download probably does not fit. */
  warning: string | null;
}

export function describePlan(plan: DownloadPlan): PlanText {
  const items = plan.items.map(
    ({ entry, cached }) => `${modelLabel(entry)}：${aboutBytes(entry.estimatedDownloadBytes)}${cached ? '，已在本机，不用再下载' : ''}`,
  );
  const summary =
    plan.bytesToFetch === 0
      ? plan.items.length > 1
        ? '这些模型都已下载到本机，加载时不需要再下载。'
        : '这个模型已下载到本机，加载时不需要再下载。'
      : `需要下载${aboutBytes(plan.bytesToFetch)}（估计值）。下载中断后重试，已下载的部分不会重复下载。`;
  const storage =
    plan.storage === null || plan.available === null
      ? '这个浏览器没有告诉本站还能使用多少存储空间。'
      : `浏览器目前允许本站再使用${aboutBytes(plan.available)}（已用 ${formatBytes(plan.storage.usage)}，上限${aboutBytes(plan.storage.quota)}）。`;
  const warning =
    plan.fits === false && plan.available !== null
      ? `存储空间可能不够：还差${aboutBytes(plan.bytesToFetch - plan.available)}。请先删除本机已下载但不再使用的模型，或改选更小的模型。`
      : null;
  return { items, summary, storage, warning };
}

export interface DeletableModel {
  label: string;
  bytes: number;
}

/**
 * The reader-facing text for a QuotaExceededError: what was needed, what the browser grants,
 * and what could be deleted to make room.
 */
export function describeQuotaShortfall(
  neededBytes: number,
  storage: StorageFigures | null,
  deletable: readonly DeletableModel[],
): string {
  const need =
    storage === null
      ? `浏览器给本站的存储空间放不下这个模型（需要${aboutBytes(neededBytes)}）。`
      : `浏览器给本站的存储空间放不下这个模型：需要${aboutBytes(neededBytes)}，目前只剩${aboutBytes(Math.max(0, storage.quota - storage.usage))}（已用 ${formatBytes(storage.usage)}，上限${aboutBytes(storage.quota)}）。`;
  const largestFirst = [...deletable].sort((a, b) => b.bytes - a.bytes);
  const freeable = largestFirst.reduce((sum, model) => sum + model.bytes, 0);
  const remedy =
    largestFirst.length === 0
      ? '本机没有本站下载的其他模型可以删除：请清理磁盘空间（浏览器给网站的上限随磁盘剩余空间变化），或改选更小的模型。'
      : `可以在“本机已下载的模型”里删除${largestFirst.map((model) => `${model.label}（${formatBytes(model.bytes)}）`).join('、')}（共${aboutBytes(freeable)}）后重试，或清理磁盘空间，或改选更小的模型。`;
  return need + remedy;
}
