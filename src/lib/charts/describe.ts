/**
 * The words a screen reader hears for a bar chart: every number the bars show, group by group,
 * so the picture hides nothing from someone who cannot see it.
 */
import type { BarChartInput } from './bar-layout.ts';

export function describeBarChart(input: BarChartInput, unit = ''): string {
  return input.groups
    .map((group) => {
      const values = group.values
        .map((entry, i) => (entry ? `${input.series[i]!.name} ${entry.text}${unit}` : `${input.series[i]!.name} 无数据`))
        .join('，');
      return `${group.label}：${values}`;
    })
    .join('；');
}
