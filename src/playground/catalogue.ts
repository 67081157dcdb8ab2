/**
 * The model builds the playground offers, as static data.
 *
 * Why a copy instead of reading web-llm's prebuiltAppConfig: importing any value from
 * '@mlc-ai/web-llm' on the main thread ships a second 6 MB copy of the library. The copy is kept
 * honest by tests/unit/catalogue.test.ts, which compares every id, VRAM figure, low-resource flag
 * and context window with the installed package and fails when they drift.
 */

import { BITS_PER_WEIGHT, needsShaderF16, type AnyQuantization, type Quantization } from './gpu/quantization';
import { isLowResourceDevice, limitsBelowWebLlmMinimum } from './gpu/webgpu-requirements';
import type { ModelFamily } from '../lib/model-families';

export interface RecommendedSampling {
  temperature: number;
  top_p: number;
}

export interface CatalogueEntry {
  /** web-llm model_id, e.g. "Qwen2.5-0.5B-Instruct-q4f16_1-MLC". */
  id: string;
  family: ModelFamily;
  /** Release line, for grouping in pickers: "Qwen2.5", "Qwen3", "Llama 3.2", … */
  series: string;
  /** Model name without the build details, e.g. "Qwen2.5 0.5B Instruct". */
  displayName: string;
  /** Parameter count as published on the model card (not counted from the weights). */
  parameterCount: number;
  quantization: AnyQuantization;
  /** Copied from prebuiltAppConfig.vram_required_MB. */
  vramRequiredMB: number;
  /** Copied from prebuiltAppConfig.low_resource_required. */
  lowResourceRequired: boolean;
  /** Tokens; prebuiltAppConfig's overrides.context_window_size (4096, or 1024 for "-1k"). */
  contextWindow: number;
  /**
   * An ESTIMATE, not a measurement — prebuiltAppConfig has no download size.
   * See estimateDownloadBytes() for the formula.
   */
  estimatedDownloadBytes: number;
  recommendedSampling: RecommendedSampling;
}

/** What web-llm-chat uses for these families. */
export const RECOMMENDED_SAMPLING: Readonly<Record<ModelFamily, RecommendedSampling>> = {
  llama: { temperature: 0.6, top_p: 0.9 },
  qwen: { temperature: 0.7, top_p: 0.8 },
};

/**
 * Where generation settings start, for the chat and the arena alike. A chat switches to the chosen
 * model's recommended sampling once a model is picked; the arena keeps one setting for both sides.
 */
export const DEFAULT_GENERATION = { temperature: 0.7, topP: 0.8, maxTokens: 512 } as const;

/** prebuiltAppConfig's context_window_size for every full build (the "-1k" builds have 1024). */
export const DEFAULT_CONTEXT_WINDOW = 4096;

/**
 * Tokenizer (Llama 3 ≈ 9 MB, Qwen ≈ 7–11 MB tokenizer.json), mlc-chat-config.json,
 * tensor-cache.json and the model library .wasm, rounded to one allowance.
 */
export const NON_WEIGHT_FILES_ALLOWANCE_BYTES = 16 * 1024 * 1024;

/**
 * estimatedDownloadBytes = parameterCount × bitsPerWeight(quantization) / 8 + 16 MiB allowance.
 *
 * bitsPerWeight is 4.5 for q4f16_1, 5 for q4f32_1, 16 for q0f16, 32 for q0f32 (see
 * quantization.ts). It ignores the few tensors MLC keeps unquantized (norms), so expect the real
 * download to differ by a few percent.
 */
export function estimateDownloadBytes(parameterCount: number, quantization: Quantization): number {
  return (
    Math.round((parameterCount * BITS_PER_WEIGHT[quantization]) / 8) + NON_WEIGHT_FILES_ALLOWANCE_BYTES
  );
}

interface BuildRow {
  quantization: Quantization;
  vramRequiredMB: number;
  lowResourceRequired: boolean;
  /** True for the "-MLC-1k" builds (1024-token context). */
  oneK?: boolean;
}

interface ModelRow {
  /** model_id prefix before the quantization, e.g. "Qwen2.5-0.5B-Instruct". */
  base: string;
  family: ModelFamily;
  series: string;
  displayName: string;
  parameterCount: number;
  builds: BuildRow[];
}

const B = 1e9;

// Figures copied from @mlc-ai/web-llm 0.2.86 prebuiltAppConfig; parameter counts from the model
// cards on Hugging Face.
const MODELS: readonly ModelRow[] = [
  {
    base: 'Qwen2.5-0.5B-Instruct',
    family: 'qwen',
    series: 'Qwen2.5',
    displayName: 'Qwen2.5 0.5B Instruct',
    parameterCount: 0.49 * B,
    builds: [
      { quantization: 'q4f16_1', vramRequiredMB: 944.62, lowResourceRequired: true },
      { quantization: 'q4f32_1', vramRequiredMB: 1060.2, lowResourceRequired: true },
      { quantization: 'q0f16', vramRequiredMB: 1624.12, lowResourceRequired: true },
      { quantization: 'q0f32', vramRequiredMB: 2654.75, lowResourceRequired: true },
    ],
  },
  {
    base: 'Qwen2.5-1.5B-Instruct',
    family: 'qwen',
    series: 'Qwen2.5',
    displayName: 'Qwen2.5 1.5B Instruct',
    parameterCount: 1.54 * B,
    builds: [
      { quantization: 'q4f16_1', vramRequiredMB: 1629.75, lowResourceRequired: true },
      { quantization: 'q4f32_1', vramRequiredMB: 1888.97, lowResourceRequired: true },
    ],
  },
  {
    base: 'Qwen2.5-3B-Instruct',
    family: 'qwen',
    series: 'Qwen2.5',
    displayName: 'Qwen2.5 3B Instruct',
    parameterCount: 3.09 * B,
    builds: [
      { quantization: 'q4f16_1', vramRequiredMB: 2504.76, lowResourceRequired: true },
      { quantization: 'q4f32_1', vramRequiredMB: 2893.64, lowResourceRequired: true },
    ],
  },
  {
    base: 'Qwen2.5-7B-Instruct',
    family: 'qwen',
    series: 'Qwen2.5',
    displayName: 'Qwen2.5 7B Instruct',
    parameterCount: 7.61 * B,
    builds: [
      { quantization: 'q4f16_1', vramRequiredMB: 5106.67, lowResourceRequired: false },
      { quantization: 'q4f32_1', vramRequiredMB: 5900.09, lowResourceRequired: false },
    ],
  },
  {
    base: 'Qwen3-0.6B',
    family: 'qwen',
    series: 'Qwen3',
    displayName: 'Qwen3 0.6B',
    parameterCount: 0.6 * B,
    builds: [
      { quantization: 'q4f16_1', vramRequiredMB: 1403.34, lowResourceRequired: true },
      { quantization: 'q4f32_1', vramRequiredMB: 1924.98, lowResourceRequired: true },
      { quantization: 'q0f16', vramRequiredMB: 2220.38, lowResourceRequired: true },
      { quantization: 'q0f32', vramRequiredMB: 3843.25, lowResourceRequired: true },
    ],
  },
  {
    base: 'Qwen3-1.7B',
    family: 'qwen',
    series: 'Qwen3',
    displayName: 'Qwen3 1.7B',
    parameterCount: 1.7 * B,
    builds: [
      { quantization: 'q4f16_1', vramRequiredMB: 2036.66, lowResourceRequired: true },
      { quantization: 'q4f32_1', vramRequiredMB: 2635.44, lowResourceRequired: true },
    ],
  },
  {
    base: 'Qwen3-4B',
    family: 'qwen',
    series: 'Qwen3',
    displayName: 'Qwen3 4B',
    parameterCount: 4.0 * B,
    builds: [
      { quantization: 'q4f16_1', vramRequiredMB: 3431.59, lowResourceRequired: true },
      { quantization: 'q4f32_1', vramRequiredMB: 4327.71, lowResourceRequired: true },
    ],
  },
  {
    base: 'Qwen3-8B',
    family: 'qwen',
    series: 'Qwen3',
    displayName: 'Qwen3 8B',
    parameterCount: 8.2 * B,
    builds: [
      { quantization: 'q4f16_1', vramRequiredMB: 5695.78, lowResourceRequired: false },
      { quantization: 'q4f32_1', vramRequiredMB: 6852.55, lowResourceRequired: false },
    ],
  },
  {
    base: 'Llama-3.2-1B-Instruct',
    family: 'llama',
    series: 'Llama 3.2',
    displayName: 'Llama 3.2 1B Instruct',
    parameterCount: 1.23 * B,
    builds: [
      { quantization: 'q4f16_1', vramRequiredMB: 879.04, lowResourceRequired: true },
      { quantization: 'q4f32_1', vramRequiredMB: 1128.82, lowResourceRequired: true },
      { quantization: 'q0f16', vramRequiredMB: 2573.13, lowResourceRequired: true },
      { quantization: 'q0f32', vramRequiredMB: 5106.26, lowResourceRequired: true },
    ],
  },
  {
    base: 'Llama-3.2-3B-Instruct',
    family: 'llama',
    series: 'Llama 3.2',
    displayName: 'Llama 3.2 3B Instruct',
    parameterCount: 3.21 * B,
    builds: [
      { quantization: 'q4f16_1', vramRequiredMB: 2263.69, lowResourceRequired: true },
      { quantization: 'q4f32_1', vramRequiredMB: 2951.51, lowResourceRequired: true },
    ],
  },
  {
    base: 'Llama-3.1-8B-Instruct',
    family: 'llama',
    series: 'Llama 3.1',
    displayName: 'Llama 3.1 8B Instruct',
    parameterCount: 8.03 * B,
    builds: [
      { quantization: 'q4f16_1', vramRequiredMB: 5001, lowResourceRequired: false },
      { quantization: 'q4f32_1', vramRequiredMB: 6101.01, lowResourceRequired: false },
      { quantization: 'q4f16_1', vramRequiredMB: 4598.34, lowResourceRequired: true, oneK: true },
      { quantization: 'q4f32_1', vramRequiredMB: 5295.7, lowResourceRequired: true, oneK: true },
    ],
  },
  {
    base: 'Llama-3-8B-Instruct',
    family: 'llama',
    series: 'Llama 3',
    displayName: 'Llama 3 8B Instruct',
    parameterCount: 8.03 * B,
    builds: [
      { quantization: 'q4f16_1', vramRequiredMB: 5001, lowResourceRequired: false },
      { quantization: 'q4f32_1', vramRequiredMB: 6101.01, lowResourceRequired: false },
      { quantization: 'q4f16_1', vramRequiredMB: 4598.34, lowResourceRequired: true, oneK: true },
      { quantization: 'q4f32_1', vramRequiredMB: 5295.7, lowResourceRequired: true, oneK: true },
    ],
  },
];

export const CATALOGUE: readonly CatalogueEntry[] = MODELS.flatMap((model) =>
  model.builds.map(
    (build): CatalogueEntry => ({
      id: `${model.base}-${build.quantization}-MLC${build.oneK ? '-1k' : ''}`,
      family: model.family,
      series: model.series,
      displayName: model.displayName,
      parameterCount: model.parameterCount,
      quantization: build.quantization,
      vramRequiredMB: build.vramRequiredMB,
      lowResourceRequired: build.lowResourceRequired,
      contextWindow: build.oneK ? 1024 : DEFAULT_CONTEXT_WINDOW,
      estimatedDownloadBytes: estimateDownloadBytes(model.parameterCount, build.quantization),
      recommendedSampling: RECOMMENDED_SAMPLING[model.family],
    }),
  ),
);

export function findCatalogueEntry(id: string): CatalogueEntry | undefined {
  return CATALOGUE.find((entry) => entry.id === id);
}

/** What the build picker needs to know about the device; build it from probe-gpu's output. */
export interface DeviceProfile {
  shaderF16: boolean;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  /**
   * Usable VRAM in MB, if the app knows it (WebGPU does not expose it). Unknown means "do not
   * filter on VRAM": a too-large build then fails with DeviceLostError, mapped to "smaller model".
   */
  vramBudgetMB?: number;
}

export function buildFitsDevice(entry: CatalogueEntry, device: DeviceProfile): boolean {
  const limits = {
    maxBufferSize: device.maxBufferSize,
    maxStorageBufferBindingSize: device.maxStorageBufferBindingSize,
  };
  if (limitsBelowWebLlmMinimum(limits)) return false;
  if (needsShaderF16(entry.quantization) && !device.shaderF16) return false;
  if (isLowResourceDevice(limits) && !entry.lowResourceRequired) return false;
  if (device.vramBudgetMB !== undefined && entry.vramRequiredMB > device.vramBudgetMB) return false;
  return true;
}

export function buildsThatFit(
  device: DeviceProfile,
  catalogue: readonly CatalogueEntry[] = CATALOGUE,
): CatalogueEntry[] {
  return catalogue.filter((entry) => buildFitsDevice(entry, device));
}

/** null for a family means no build of that family can run on this device. */
export type DefaultBuilds = Record<ModelFamily, CatalogueEntry | null>;

/**
 * The smallest build of each family that fits: smallest VRAM need first, because VRAM is what
 * makes a load fail (device lost), then smallest download.
 */
export function pickDefaultBuilds(
  device: DeviceProfile,
  catalogue: readonly CatalogueEntry[] = CATALOGUE,
): DefaultBuilds {
  const smallest = (family: ModelFamily): CatalogueEntry | null => {
    const fitting = buildsThatFit(device, catalogue)
      .filter((entry) => entry.family === family)
      .sort(
        (a, b) =>
          a.vramRequiredMB - b.vramRequiredMB || a.estimatedDownloadBytes - b.estimatedDownloadBytes,
      );
    return fitting[0] ?? null;
  };
  return { qwen: smallest('qwen'), llama: smallest('llama') };
}

