/** A benchmark table from benchmarks.yaml as bar-chart input: one group per row, one bar per model column. */
import type { z } from 'astro/zod';
import type { benchmarkTableSchema } from '../../content/schemas.ts';
import { formatScore } from '../benchmark-score.ts';
import { familyOfModelName, seriesFromNames, type BarChartInput } from './bar-layout.ts';

export type BenchmarkTable = z.infer<typeof benchmarkTableSchema>;

/** Scores are percentages: every benchmark chart runs from 0 to 100 so bars compare across charts. */
export const SCORE_AXIS_MAX = 100;

export function benchmarkChartInput(table: BenchmarkTable): BarChartInput {
  const models = table.columns.slice(1);
  return {
    series: seriesFromNames(models, familyOfModelName),
    axisMax: SCORE_AXIS_MAX,
    groups: table.rows.map((row) => ({
      label: row.benchmark,
      values: models.map((_, i) => {
        const score = row.scores[i];
        return score === undefined ? null : { value: Number(score), text: formatScore(score, table.decimals) };
      }),
    })),
  };
}

export function benchmarkChartTitle(table: BenchmarkTable): string {
  return `${table.sameEvaluator ? '' : '厂商自报、非同一评测流程：'}${table.title}`;
}
