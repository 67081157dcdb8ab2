/**
 * What the model picker offers on this device: every catalogue build, grouped family → model →
 * build, each either selectable or disabled with the reason in Chinese. Builds the GPU cannot run
 * stay visible (disabled) rather than vanish, so the reader learns why the f16 builds are missing.
 */

import {
  buildFitsDevice,
  CATALOGUE,
  DEFAULT_CONTEXT_WINDOW,
  pickDefaultBuilds,
  type CatalogueEntry,
  type DeviceProfile,
} from '../catalogue';
import type { EnvironmentDescription } from '../gpu/capability';
import { needsShaderF16 } from '../gpu/quantization';
import { isLowResourceDevice, limitsBelowWebLlmMinimum } from '../gpu/webgpu-requirements';
import { aboutBytes, formatMegabytes } from '../ui/bytes';
import { ggufBuildFacts } from '../cpu/build-facts';
import { findGgufBuild } from '../cpu/gguf-catalogue';
import type { ChatTurn } from './chat-session';
import { MODEL_FAMILIES, type ModelFamily } from '../../lib/model-families';

export interface BuildChoice {
  entry: CatalogueEntry;
  available: boolean;
  /** Why the build cannot be chosen; null when it can. */
  reason: string | null;
}

export interface ModelChoice {
  /** The model without build details, e.g. "Qwen2.5 0.5B Instruct"; unique in the catalogue. */
  name: string;
  family: ModelFamily;
  builds: BuildChoice[];
  available: boolean;
}

export interface FamilyChoice {
  family: ModelFamily;
  label: string;
  models: ModelChoice[];
  available: boolean;
}

export const FAMILY_LABELS: Readonly<Record<ModelFamily, string>> = {
  qwen: '通义千问 Qwen',
  llama: 'Llama 3',
};

export const NO_SHADER_F16_REASON = '需要 shader-f16，你的显卡不支持';
const LOW_RESOURCE_REASON = '你的显卡缓冲区较小，只能运行标注为低资源的版本';
const LIMITS_REASON = '你的显卡缓冲区太小';
const VRAM_REASON = '超出可用显存';

/** The catalogue's device description, read from what probe-gpu saw. */
export function deviceProfileOf(env: EnvironmentDescription): DeviceProfile | null {
  if (env.adapter === null) return null;
  return {
    shaderF16: env.adapter.features.includes('shader-f16'),
    maxBufferSize: env.adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: env.adapter.limits.maxStorageBufferBindingSize,
  };
}

export function whyUnavailable(entry: CatalogueEntry, device: DeviceProfile): string | null {
  if (buildFitsDevice(entry, device)) return null;
  const limits = { maxBufferSize: device.maxBufferSize, maxStorageBufferBindingSize: device.maxStorageBufferBindingSize };
  if (limitsBelowWebLlmMinimum(limits)) return LIMITS_REASON;
  if (needsShaderF16(entry.quantization) && !device.shaderF16) return NO_SHADER_F16_REASON;
  if (isLowResourceDevice(limits) && !entry.lowResourceRequired) return LOW_RESOURCE_REASON;
  return VRAM_REASON;
}

export function pickerChoices(
  device: DeviceProfile,
  catalogue: readonly CatalogueEntry[] = CATALOGUE,
): FamilyChoice[] {
  return MODEL_FAMILIES.map((family) => {
    const models: ModelChoice[] = [];
    for (const entry of catalogue.filter((e) => e.family === family)) {
      let model = models.find((m) => m.name === entry.displayName);
      if (model === undefined) {
        model = { name: entry.displayName, family, builds: [], available: false };
        models.push(model);
      }
      const reason = whyUnavailable(entry, device);
      model.builds.push({ entry, available: reason === null, reason });
      model.available ||= reason === null;
    }
    return { family, label: FAMILY_LABELS[family], models, available: models.some((m) => m.available) };
  });
}

/** The build to select when the reader picks a family: the catalogue's smallest fitting one. */
export function defaultBuildFor(
  family: ModelFamily,
  device: DeviceProfile,
  catalogue: readonly CatalogueEntry[] = CATALOGUE,
): CatalogueEntry | null {
  return pickDefaultBuilds(device, catalogue)[family];
}

/** The build to select when the reader picks a model: its smallest runnable build. */
export function defaultBuildOfModel(model: ModelChoice): CatalogueEntry | null {
  const runnable = model.builds.filter((b) => b.available).map((b) => b.entry);
  runnable.sort((a, b) => a.vramRequiredMB - b.vramRequiredMB);
  return runnable[0] ?? null;
}

/**
 * For "换一个更小的模型": the runnable build that needs the most VRAM while still needing less than
 * `current` — the smallest step down. Same series first (Qwen2.5 3B → Qwen2.5 1.5B, Llama 3.1 8B →
 * its 1k build), then same family, then anything. Unquantized builds are never offered as the
 * "smaller" choice: they need less VRAM than a big model but download gigabytes.
 */
export function smallerBuildThan(
  current: CatalogueEntry,
  device: DeviceProfile,
  catalogue: readonly CatalogueEntry[] = CATALOGUE,
): CatalogueEntry | null {
  const smaller = catalogue.filter(
    (entry) =>
      entry.vramRequiredMB < current.vramRequiredMB &&
      (entry.quantization.startsWith('q4') || current.quantization.startsWith('q0')) &&
      buildFitsDevice(entry, device),
  );
  const best = (candidates: CatalogueEntry[]) =>
    candidates.sort((a, b) => b.vramRequiredMB - a.vramRequiredMB)[0] ?? null;
  return (
    best(smaller.filter((e) => e.series === current.series)) ??
    best(smaller.filter((e) => e.family === current.family)) ??
    best(smaller)
  );
}

/** "q4f32_1 · 1k 上下文": how a build is named in the picker. */
export function buildLabel(entry: CatalogueEntry): string {
  return entry.contextWindow < DEFAULT_CONTEXT_WINDOW ? `${entry.quantization} · ${entry.contextWindow / 1024}k 上下文` : entry.quantization;
}

/**
 * The size line under the picker; "约/估计" because the catalogue's download size is an estimate.
 * A GGUF build's line also gives the decode speed the reader's last answer with it measured.
 */
export function buildFacts(entry: CatalogueEntry, turns: readonly ChatTurn[] = []): string {
  const gguf = findGgufBuild(entry.id);
  if (gguf !== undefined) {
    const measured = turns.findLast((turn) => turn.modelId === entry.id && turn.metrics !== null)?.metrics;
    return ggufBuildFacts(gguf, measured?.decodeTokensPerSecond ?? null);
  }
  return `估计下载${aboutBytes(entry.estimatedDownloadBytes)} · 需要显存约 ${formatMegabytes(entry.vramRequiredMB)} · 上下文 ${entry.contextWindow} token`;
}

export function supportsThinking(entry: CatalogueEntry): boolean {
  return entry.series === 'Qwen3';
}
