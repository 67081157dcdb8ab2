/**
 * Geometry of a horizontal grouped bar chart laid out for narrow screens: each group's label sits
 * on its own line above its bars, so long names never squeeze the bars, and every bar carries its
 * value as text at its end. Pure numbers in, coordinates out; the .astro component only draws them.
 */
import type { ModelFamily } from '../model-families.ts';
import { formatTicks, zeroBasedAxis } from './scale.ts';

export type SeriesFamily = ModelFamily | 'neutral';

export interface ChartSeries {
  name: string;
  family: SeriesFamily;
  /** 0 for the first series of its family, 1 for the second…: drawn lighter, so two Qwen columns stay apart. */
  shade: number;
}

export interface ChartValue {
  value: number;
  /** The value as the table prints it (decimals kept). */
  text: string;
}

export interface ChartGroup {
  label: string;
  /** One entry per series, in series order; null where the source has no number. */
  values: Array<ChartValue | null>;
}

export interface BarChartInput {
  series: ChartSeries[];
  groups: ChartGroup[];
  /** Fixed axis end, e.g. 100 for percentage scores; otherwise the axis ends at a tick above the largest value. */
  axisMax?: number;
}

export const LAYOUT = {
  width: 320,
  /** Room at the right of the longest bar for its value text. */
  valueGutter: 58,
  legendRow: 20,
  /** The axis title has a row of its own, so a long legend entry never runs into it. */
  axisTitleRow: 16,
  axisRow: 22,
  groupLabel: 20,
  bar: 14,
  barGap: 3,
  groupGap: 12,
} as const;

export interface PlacedBar {
  series: number;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
  text: string;
  /** Baseline position of the value text. */
  textX: number;
  textY: number;
}

export interface BarChartLayout {
  width: number;
  height: number;
  plotWidth: number;
  legend: Array<{ series: number; y: number }>;
  axis: { titleY: number; y: number; top: number; bottom: number; ticks: Array<{ x: number; text: string }> };
  groups: Array<{ label: string; labelY: number; bars: PlacedBar[] }>;
}

/** One decimal is finer than a pixel at any size the charts are shown; more only adds bytes to the page. */
export const round1 = (value: number) => Math.round(value * 10) / 10;

export function layoutBarChart(input: BarChartInput): BarChartLayout {
  const { width, valueGutter, legendRow, axisTitleRow, axisRow, groupLabel, bar, barGap, groupGap } = LAYOUT;
  const plotWidth = width - valueGutter;
  const largest = Math.max(0, ...input.groups.flatMap((g) => g.values.map((v) => v?.value ?? 0)));
  const axis = zeroBasedAxis(largest, input.axisMax === undefined ? {} : { max: input.axisMax });
  const x = (value: number) => round1((value / axis.max) * plotWidth);

  const legend = input.series.map((_, series) => ({ series, y: (series + 1) * legendRow - 6 }));
  const legendHeight = input.series.length * legendRow;
  const axisTitleY = legendHeight + axisTitleRow - 2;
  const axisY = legendHeight + axisTitleRow + axisRow - 6;
  let y = legendHeight + axisTitleRow + axisRow;
  const top = y;
  const groups = input.groups.map((group) => {
    const labelY = y + groupLabel - 6;
    y += groupLabel;
    const bars: PlacedBar[] = [];
    group.values.forEach((entry, series) => {
      if (!entry) return;
      const length = x(entry.value);
      bars.push({
        series,
        x: 0,
        y,
        width: length,
        height: bar,
        value: entry.value,
        text: entry.text,
        textX: round1(length + 4),
        textY: y + bar - 3,
      });
      y += bar + barGap;
    });
    y += groupGap;
    return { label: group.label, labelY, bars };
  });
  const ticks = formatTicks(axis.ticks).map((text, i) => ({ x: x(axis.ticks[i]!), text }));
  return { width, height: y, plotWidth, legend, axis: { titleY: axisTitleY, y: axisY, top, bottom: y - groupGap, ticks }, groups };
}

/** Shades within a family, by order of appearance: two Qwen columns get shades 0 and 1. */
export function seriesFromNames(names: string[], familyOf: (name: string) => SeriesFamily): ChartSeries[] {
  const seen: Record<SeriesFamily, number> = { llama: 0, qwen: 0, neutral: 0 };
  return names.map((name) => {
    const family = familyOf(name);
    return { name, family, shade: seen[family]++ };
  });
}

export function familyOfModelName(name: string): SeriesFamily {
  if (/llama/i.test(name)) return 'llama';
  if (/qwen/i.test(name)) return 'qwen';
  return 'neutral';
}
