/**
 * Size-matched Qwen / Llama pairs to suggest, smallest first. A fair side-by-side compares models
 * of similar size and the same quantization; the arena still lets the reader pick any two builds.
 */
import { CATALOGUE, type CatalogueEntry } from '../catalogue';
import type { AnyQuantization } from '../gpu/quantization';
import { formatMegabytes } from '../ui/bytes';

export interface SuggestedPair {
  label: string;
  qwen: CatalogueEntry;
  llama: CatalogueEntry;
}

const pairs: Array<{ label: string; qwen: string; llama: string }> = [
  { label: '约 0.5–1B：Qwen2.5-0.5B 对 Llama-3.2-1B', qwen: 'Qwen2.5-0.5B-Instruct', llama: 'Llama-3.2-1B-Instruct' },
  { label: '约 0.6–1B：Qwen3-0.6B 对 Llama-3.2-1B', qwen: 'Qwen3-0.6B', llama: 'Llama-3.2-1B-Instruct' },
  { label: '约 3B：Qwen2.5-3B 对 Llama-3.2-3B', qwen: 'Qwen2.5-3B-Instruct', llama: 'Llama-3.2-3B-Instruct' },
  { label: '约 7–8B：Qwen2.5-7B 对 Llama-3.1-8B', qwen: 'Qwen2.5-7B-Instruct', llama: 'Llama-3.1-8B-Instruct' },
  { label: '约 8B：Qwen3-8B 对 Llama-3.1-8B', qwen: 'Qwen3-8B', llama: 'Llama-3.1-8B-Instruct' },
];

/**
 * The suggested pairs available in one quantization (both sides must exist in the catalogue): the
 * WebGPU catalogue's MLC builds, or the CPU path's GGUF builds.
 */
export function suggestedPairs(quantization: AnyQuantization, catalogue: readonly CatalogueEntry[] = CATALOGUE): SuggestedPair[] {
  const build = (model: string) =>
    catalogue.find((entry) => entry.id === `${model}-${quantization}-MLC` || entry.id === `${model}-${quantization}-GGUF`);
  return pairs.flatMap((pair) => {
    const qwen = build(pair.qwen);
    const llama = build(pair.llama);
    return qwen && llama ? [{ label: pair.label, qwen, llama }] : [];
  });
}

export interface PairPlan {
  totalDownloadBytes: number;
  totalVramMB: number;
  /** Both models stay loaded at once only when the device's memory budget allows it. */
  mode: 'together' | 'one-after-another';
  /** Why, in Chinese, for the reader. */
  reason: string;
}

/**
 * Whether both models can be loaded at once. Each model gets its own GPUDevice, so VRAM adds up;
 * without a known budget we assume the pair fits only when it is small (≤ 4 GB together).
 */
export function planPair(qwen: CatalogueEntry, llama: CatalogueEntry, vramBudgetMB?: number): PairPlan {
  const totalVramMB = qwen.vramRequiredMB + llama.vramRequiredMB;
  const totalDownloadBytes = qwen.estimatedDownloadBytes + llama.estimatedDownloadBytes;
  const budget = vramBudgetMB ?? 4096;
  const known = vramBudgetMB !== undefined;
  if (totalVramMB <= budget) {
    return {
      totalDownloadBytes,
      totalVramMB,
      mode: 'together',
      reason: `两个模型共需约 ${formatMegabytes(totalVramMB)} 显存，${known ? `在本设备的 ${formatMegabytes(budget)} 预算之内` : '不超过 4 GB'}，可以同时加载、同时生成。`,
    };
  }
  return {
    totalDownloadBytes,
    totalVramMB,
    mode: 'one-after-another',
    reason: `两个模型共需约 ${formatMegabytes(totalVramMB)} 显存，超过${known ? `本设备的 ${formatMegabytes(budget)} 预算` : ' 4 GB 的稳妥上限'}，因此轮流加载：先让一个模型回答，卸载后再加载另一个。`,
  };
}
