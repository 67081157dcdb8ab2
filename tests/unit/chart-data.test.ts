// Every chart draws exactly the numbers of the data rows it stands for: the benchmark tables, the
// architecture table, the playground catalogue and the build-time token count.
import { describe, expect, test } from 'vitest';
import { benchmarkChartInput, benchmarkChartTitle } from '../../src/lib/charts/benchmark-chart';
import { DIMENSIONS, dimensionChartInput, gqaRows } from '../../src/lib/charts/architecture-chart';
import { buildSizeChartInput, buildsOf } from '../../src/lib/charts/build-size-chart';
import { tokenCostChartInput } from '../../src/lib/charts/token-cost-chart';
import { describeBarChart } from '../../src/lib/charts/describe';
import { articleTokenCost } from '../../src/lib/article-token-cost';
import { articleSectionsFromFiles } from '../../src/lib/article-files';
import { CATALOGUE } from '../../src/playground/catalogue';
import { loadBenchmarks, loadModels } from './content-fixtures';

const benchmarks = loadBenchmarks();
const models = loadModels();

describe('benchmark charts', () => {
  test.each(benchmarks.map((table) => [table.id, table] as const))('%s: one bar per score, same value, same printed text', (_id, table) => {
    const input = benchmarkChartInput(table);
    expect(input.series.map((s) => s.name)).toEqual(table.columns.slice(1));
    expect(input.groups.map((g) => g.label)).toEqual(table.rows.map((r) => r.benchmark));
    table.rows.forEach((row, r) => {
      expect(input.groups[r]!.values.map((v) => v!.value)).toEqual(row.scores.map(Number));
      const printed = row.scores.map((s) => (typeof s === 'string' ? s : s.toFixed(table.decimals)));
      expect(input.groups[r]!.values.map((v) => v!.text)).toEqual(printed);
      for (const text of printed) expect(describeBarChart(input)).toContain(text);
    });
    expect(input.axisMax).toBe(100);
  });

  test('columns are coloured by family, and a vendor-reported chart says so in its title', () => {
    const base = benchmarkChartInput(benchmarks.find((t) => t.id === 'q3tr-base')!);
    expect(base.series.map((s) => s.family)).toEqual(['llama', 'qwen', 'qwen']);
    for (const table of benchmarks) expect(benchmarkChartTitle(table).startsWith('厂商自报')).toBe(!table.sameEvaluator);
  });

  test('a changed score changes its bar', () => {
    const table = structuredClone(benchmarks.find((t) => t.id === 'q3tr-instruct')!);
    table.rows[0]!.scores[0] = 12.3;
    expect(benchmarkChartInput(table).groups[0]!.values[0]).toEqual({ value: 12.3, text: '12.3' });
  });
});

describe('architecture diagram', () => {
  const flagship = models.filter((m) => m.group === 'flagship');

  test.each(DIMENSIONS.map((d) => [d.field] as const))('%s bars equal models.yaml', (field) => {
    const input = dimensionChartInput(flagship, field);
    expect(input.groups.map((g) => g.label)).toEqual(flagship.map((m) => m.name));
    input.groups.forEach((group, i) => {
      const drawn = group.values.filter((v) => v !== null);
      expect(drawn).toHaveLength(1);
      expect(drawn[0]!.value).toBe(flagship[i]![field].value);
      // the bar is in the model's family colour
      const series = input.series[group.values.findIndex((v) => v !== null)]!;
      expect(series.family).toBe(flagship[i]!.family);
    });
  });

  test('heads and K/V heads equal models.yaml', () => {
    expect(gqaRows(flagship).map((r) => [r.name, r.heads, r.kvHeads])).toEqual(
      flagship.map((m) => [m.name, m.attentionHeads.value, m.kvHeads.value]),
    );
  });
});

describe('in-browser build chart', () => {
  test('every q4f16_1 build of the catalogue, with its estimated download and its VRAM need', () => {
    const builds = buildsOf(CATALOGUE, 'q4f16_1');
    expect(builds.length).toBe(CATALOGUE.filter((e) => e.quantization === 'q4f16_1').length);
    const input = buildSizeChartInput(builds);
    input.groups.forEach((group, i) => {
      const drawn = group.values.filter((v) => v !== null).map((v) => v!.value);
      expect(drawn).toEqual([builds[i]!.estimatedDownloadBytes / 1e6, builds[i]!.vramRequiredMB]);
    });
  });
});

describe('token cost chart', () => {
  test('tokens per character of every section, as the token table computes them', () => {
    const cost = articleTokenCost(articleSectionsFromFiles(), (family, text) => Math.ceil(text.length / (family === 'qwen' ? 1.5 : 1.1)));
    const input = tokenCostChartInput(cost);
    expect(input.groups.map((g) => g.label)).toEqual(cost.sections.map((s) => s.title));
    input.groups.forEach((group, i) => {
      expect(group.values.map((v) => v!.value)).toEqual([cost.sections[i]!.qwen.tokensPerCharacter, cost.sections[i]!.llama.tokensPerCharacter]);
    });
    expect(cost.sections.map((s) => s.title)).toContain('结论速览');
  });
});
