/**
 * The in-browser builds the playground offers, as bars: estimated download and the memory web-llm
 * says each needs, so a reader can pick one that fits the device. One quantization at a time keeps
 * the chart short enough for a phone; the models page lists every build.
 */
import type { CatalogueEntry } from '../../playground/catalogue.ts';
import type { Quantization } from '../../playground/gpu/quantization.ts';
import { familySplitInput } from './family-split.ts';
import type { BarChartInput } from './bar-layout.ts';

export const BUILD_MEASURES = ['下载量（估算）', '显存需求'];

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const formatMB = (mb: number) => `${integer.format(mb)} MB`;

export function buildLabel(entry: CatalogueEntry): string {
  return `${entry.displayName}${entry.contextWindow < 4096 ? `（${entry.contextWindow / 1024}K 上下文）` : ''}`;
}

export function buildsOf(catalogue: readonly CatalogueEntry[], quantization: Quantization): CatalogueEntry[] {
  return catalogue.filter((entry) => entry.quantization === quantization).sort((a, b) => a.vramRequiredMB - b.vramRequiredMB);
}

export function buildSizeChartInput(builds: readonly CatalogueEntry[]): BarChartInput {
  return familySplitInput(
    builds.map((entry) => {
      const downloadMB = entry.estimatedDownloadBytes / 1e6;
      return {
        label: buildLabel(entry),
        family: entry.family,
        measures: [
          { value: downloadMB, text: formatMB(downloadMB) },
          { value: entry.vramRequiredMB, text: formatMB(entry.vramRequiredMB) },
        ],
      };
    }),
    BUILD_MEASURES,
  );
}
