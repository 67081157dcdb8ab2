/**
 * Bar-chart input where each group belongs to one model family (a model, a build): bars take
 * their family's colour, one series per family and measure, so the legend reads "Qwen" / "Llama"
 * (or "Qwen：显存需求" …) and the same colours mean the same families as everywhere else.
 */
import { MODEL_FAMILIES, type ModelFamily } from '../model-families.ts';
import type { BarChartInput, ChartSeries, ChartValue } from './bar-layout.ts';

export const FAMILY_LABEL: Record<ModelFamily, string> = { qwen: 'Qwen', llama: 'Llama' };

export interface FamilyGroup {
  label: string;
  family: ModelFamily;
  /** One value per measure, in the order of the measure names. */
  measures: Array<ChartValue | null>;
}

export function familySplitInput(groups: FamilyGroup[], measureNames: string[], axisMax?: number): BarChartInput {
  const families = MODEL_FAMILIES.filter((family) => groups.some((g) => g.family === family));
  const series: ChartSeries[] = families.flatMap((family) =>
    measureNames.map((measure, shade) => ({
      name: measureNames.length === 1 ? FAMILY_LABEL[family] : `${FAMILY_LABEL[family]}：${measure}`,
      family,
      shade,
    })),
  );
  return {
    series,
    ...(axisMax === undefined ? {} : { axisMax }),
    groups: groups.map((group) => ({
      label: group.label,
      values: families.flatMap((family) => measureNames.map((_, m) => (family === group.family ? (group.measures[m] ?? null) : null))),
    })),
  };
}
