import { describe, expect, test } from 'vitest';
import { LAYOUT, layoutBarChart, seriesFromNames, familyOfModelName } from '../../src/lib/charts/bar-layout';
import { GQA_LAYOUT, layoutGqa, rectanglesPath } from '../../src/lib/charts/architecture-chart';
import { describeBarChart } from '../../src/lib/charts/describe';

const input = {
  series: seriesFromNames(['Llama-3-8B', 'Qwen2.5-7B', 'Qwen3-8B'], familyOfModelName),
  axisMax: 100,
  groups: [
    { label: 'MMLU', values: [{ value: 50, text: '50.0' }, { value: 100, text: '100.0' }, null] },
    { label: 'MATH', values: [{ value: 0, text: '0.0' }, { value: 25, text: '25.0' }, { value: 75, text: '75.0' }] },
  ],
};

describe('bar chart layout', () => {
  const layout = layoutBarChart(input);
  const bars = layout.groups.flatMap((g) => g.bars);

  test('bars start at zero and their length is proportional to the value', () => {
    expect(bars.every((bar) => bar.x === 0)).toBe(true);
    expect(bars.map((bar) => bar.width)).toEqual([50, 100, 0, 25, 75].map((v) => Math.round((v / 100) * layout.plotWidth * 10) / 10));
  });

  test('every bar keeps its value and text, missing values draw no bar', () => {
    expect(bars.map((bar) => [bar.series, bar.value, bar.text])).toEqual([
      [0, 50, '50.0'],
      [1, 100, '100.0'],
      [0, 0, '0.0'],
      [1, 25, '25.0'],
      [2, 75, '75.0'],
    ]);
  });

  test('labels sit above their bars, groups do not overlap, and value texts stay inside the width', () => {
    for (const group of layout.groups) for (const bar of group.bars) expect(bar.y).toBeGreaterThan(group.labelY);
    const ys = bars.map((bar) => bar.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(LAYOUT.bar);
    expect(Math.max(...bars.map((bar) => bar.textX))).toBeLessThanOrEqual(LAYOUT.width - 40);
    expect(layout.height).toBeGreaterThan(Math.max(...ys));
  });

  test('legend, axis title and tick labels each have a row of their own, above the first group', () => {
    const lastLegend = Math.max(...layout.legend.map((l) => l.y));
    expect(layout.axis.titleY).toBeGreaterThan(lastLegend + 10);
    expect(layout.axis.y).toBeGreaterThan(layout.axis.titleY + 10);
    expect(layout.groups[0]!.labelY).toBeGreaterThan(layout.axis.y + 10);
  });

  test('the scale is labelled from 0 to the axis end', () => {
    expect(layout.axis.ticks.map((t) => t.text)).toEqual(['0', '25', '50', '75', '100']);
    expect(layout.axis.ticks.at(-1)!.x).toBe(layout.plotWidth);
  });

  test('two models of one family get different shades', () => {
    expect(input.series.map((s) => [s.family, s.shade])).toEqual([
      ['llama', 0],
      ['qwen', 0],
      ['qwen', 1],
    ]);
  });

  test('the text alternative reads out every number, and says where one is missing', () => {
    expect(describeBarChart(input)).toBe(
      'MMLU：Llama-3-8B 50.0，Qwen2.5-7B 100.0，Qwen3-8B 无数据；MATH：Llama-3-8B 0.0，Qwen2.5-7B 25.0，Qwen3-8B 75.0',
    );
  });
});

describe('GQA diagram layout', () => {
  const rows = [
    { name: 'A', family: 'llama' as const, heads: 32, kvHeads: 8, groupSize: 4 },
    { name: 'B', family: 'llama' as const, heads: 64, kvHeads: 8, groupSize: 8 },
  ];
  const geometry = layoutGqa(rows);

  test('one square per query head and one bar per K/V head, each under its own group', () => {
    geometry.rows.forEach(({ row, cells, kv }) => {
      expect(cells).toHaveLength(row.heads);
      expect(kv).toHaveLength(row.kvHeads);
      for (const bar of kv) {
        const members = cells.filter((c) => c.group === bar.group);
        expect(members).toHaveLength(row.groupSize);
        expect(members[0]!.x).toBe(bar.x);
      }
    });
  });

  test('even 64 heads fit the width', () => {
    for (const { cells } of geometry.rows) expect(Math.max(...cells.map((c) => c.x + c.size))).toBeLessThanOrEqual(GQA_LAYOUT.width);
  });

  test('squares are drawn as one path of closed rectangles', () => {
    expect(rectanglesPath([{ x: 1, y: 2, width: 3, height: 4 }, { x: 5, y: 2, width: 3, height: 4 }])).toBe('M1 2h3v4h-3zM5 2h3v4h-3z');
  });
});
