/**
 * Benchmark numbers quoted in prose, looked up in benchmarks.yaml by table id and benchmark name
 * (case, spaces and hyphens ignored, so "MMLU-redux" finds "MMLU-Redux"). A lookup that finds
 * nothing stops the build: a summary must not quietly lose its evidence when a row is renamed.
 */
import { formatScore } from '../benchmark-score.ts';
import type { BenchmarkTable } from '../charts/benchmark-chart.ts';
import { familyOfModelName, type SeriesFamily } from '../charts/bar-layout.ts';
import type { ModelFamily } from '../model-families.ts';

export interface QuotedScore {
  model: string;
  family: SeriesFamily;
  value: number;
  text: string;
}

export interface QuotedRow {
  table: BenchmarkTable;
  benchmark: string;
  setting: string | undefined;
  scores: QuotedScore[];
}

const key = (name: string) => name.toLowerCase().replace(/[\s-]/g, '');

export function findTable(tables: BenchmarkTable[], id: string): BenchmarkTable {
  const table = tables.find((t) => t.id === id);
  if (!table) throw new Error(`summary: benchmark table "${id}" is missing from benchmarks.yaml`);
  return table;
}

export function quoteRow(tables: BenchmarkTable[], tableId: string, benchmark: string): QuotedRow {
  const table = findTable(tables, tableId);
  const row = table.rows.find((r) => key(r.benchmark) === key(benchmark));
  if (!row) throw new Error(`summary: benchmark "${benchmark}" is missing from table "${tableId}"`);
  const scores = table.columns.slice(1).flatMap((model, i) => {
    const score = row.scores[i];
    return score === undefined ? [] : [{ model, family: familyOfModelName(model), value: Number(score), text: formatScore(score, table.decimals) }];
  });
  return { table, benchmark: row.benchmark, setting: row.setting, scores };
}

/** "C-Eval：Llama-3-8B 49.5，Qwen2-7B 83.2" */
export function quoteText(row: QuotedRow): string {
  return `${row.benchmark}：${row.scores.map((s) => `${s.model} ${s.text}`).join('，')}`;
}

/** The family whose best score is highest in every row, or "mixed" when the rows disagree (a tie counts as mixed). */
export function leader(rows: QuotedRow[]): ModelFamily | 'mixed' {
  const leaders = rows.map((row) => {
    const best = (family: SeriesFamily) => Math.max(-Infinity, ...row.scores.filter((s) => s.family === family).map((s) => s.value));
    const llama = best('llama');
    const qwen = best('qwen');
    return llama > qwen ? 'llama' : qwen > llama ? 'qwen' : 'mixed';
  });
  return leaders.every((l) => l === leaders[0]) ? leaders[0]! : 'mixed';
}

/** Whether one model's score is above, below or equal to another's, in words. */
export function compareWords(a: QuotedScore, b: QuotedScore): string {
  return a.value > b.value ? '高于' : a.value < b.value ? '低于' : '等于';
}
