// Every benchmark table in the article quotes one source table. The rule readers rely on: for the
// columns it shows, a quoted table carries every scored row of its source, with the source's numbers.
// benchmark-sources.yaml holds a machine-readable copy of each source table; a dropped, invented or
// altered row fails here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'astro/zod';
import { benchmarkTableSchema, sourceTableSchema } from '../../src/content/schemas';

type Table = z.infer<typeof benchmarkTableSchema>;
type SourceTable = z.infer<typeof sourceTableSchema>;

const contentDir = new URL('../../src/content/', import.meta.url);
const load = (name: string): unknown[] => parse(readFileSync(fileURLToPath(new URL(name, contentDir)), 'utf8'));

const tables = load('benchmarks.yaml').map((t) => benchmarkTableSchema.parse(t));
const sources = load('benchmark-sources.yaml').map((t) => sourceTableSchema.parse(t));

/** A score as the article prints it: strings as stored, numbers with the table's decimals. */
const printed = (score: number | string, decimals: number) => (typeof score === 'string' ? score : score.toFixed(decimals));

/** Differences between a quoted table and its source, one line each; empty when it quotes faithfully. */
function differences(table: Table, source: SourceTable): string[] {
  const columnIndex = table.quotes.columns.map((c) => source.columns.indexOf(c));
  const problems = table.quotes.columns
    .filter((c) => !source.columns.includes(c))
    .map((c) => `column "${c}" is not in source ${source.id}`);
  if (problems.length) return problems;
  if (table.quotes.columns.length !== table.columns.length - 1) {
    return [`shows ${table.columns.length - 1} model columns but quotes ${table.quotes.columns.length}`];
  }

  // Source rows with a score in at least one shown column must all be in the table.
  const expected = new Map(
    source.rows
      .map((row): [string, string[]] => [row[0], columnIndex.map((i) => String(row[i + 1]))])
      .filter(([, cells]) => cells.some((c) => c !== '-')),
  );
  const quoted = new Map(table.rows.map((row) => [row.sourceRow ?? row.benchmark, row]));

  for (const [name, cells] of expected) {
    const row = quoted.get(name);
    if (!row) {
      problems.push(`drops source row "${name}"`);
      continue;
    }
    const shown = row.scores.map((s) => printed(s, table.decimals));
    if (shown.join(' | ') !== cells.join(' | ')) problems.push(`row "${name}": ${shown.join(' | ')} ≠ source ${cells.join(' | ')}`);
  }
  for (const name of quoted.keys()) if (!expected.has(name)) problems.push(`row "${name}" is not in source ${source.id}`);
  return problems;
}

function sourceOf(table: Table): SourceTable {
  const source = sources.find((s) => s.id === table.quotes.table);
  if (!source) throw new Error(`${table.id} quotes unknown source table ${table.quotes.table}`);
  return source;
}

describe('quoted benchmark tables', () => {
  it('each reproduce every scored row of their source table, with its numbers', () => {
    const problems = tables.flatMap((t) => differences(t, sourceOf(t)).map((p) => `${t.id}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('cite the reference their source table comes from', () => {
    const bad = tables.filter((t) => !t.sources.includes(sourceOf(t).source)).map((t) => t.id);
    expect(bad).toEqual([]);
  });

  it('keep the rows where Llama leads (the ones a selective table would drop)', () => {
    const row = (tableId: string, name: string) => tables.find((t) => t.id === tableId)?.rows.find((r) => r.benchmark === name)?.scores;
    expect(row('q2blog-instruct', 'GPQA')).toEqual([34.2, 25.3]);
    expect(row('q2blog-instruct', 'MBPP')).toEqual([67.9, 67.2]);
    expect(row('q25blog-instruct', 'IFEval')).toEqual([75.9, 71.2]);
    expect(row('q25blog-base', 'Winogrande')).toEqual([77.4, 77.0, 75.9]);
    expect(row('q25blog-base', 'HellaSwag')).toEqual([82.1, 80.7, 80.2]);
  });
});

describe('the row-by-row check itself', () => {
  const table = tables.find((t) => t.id === 'q25blog-instruct')!;
  const source = sourceOf(table);

  it('fails when a row is dropped', () => {
    const dropped = { ...table, rows: table.rows.filter((r) => r.benchmark !== 'IFEval') };
    expect(differences(dropped, source)).toEqual(['drops source row "IFeval strict-prompt"']);
  });

  it('fails when a score differs from the source, or a row is not in it', () => {
    const altered = { ...table, rows: table.rows.map((r) => (r.benchmark === 'MBPP' ? { ...r, scores: [69.6, 79.3] } : r)) };
    expect(differences(altered, source)).toEqual(['row "MBPP": 69.6 | 79.3 ≠ source 69.6 | 79.2']);
    const invented = { ...table, rows: [...table.rows, { benchmark: 'Made-up', scores: [1, 2] }] };
    expect(differences(invented, source)).toEqual(['row "Made-up" is not in source q25blog-7b-instruct']);
  });

  it('ignores source rows that are empty in every shown column', () => {
    const q2 = sources.find((s) => s.id === 'q2blog-7b-instruct')!;
    expect(q2.rows.some((r) => r[0] === 'MMLU-Pro' && r[2] === '-')).toBe(true);
    const yiOnly = { ...tables.find((t) => t.id === 'q2blog-instruct')!, quotes: { table: q2.id, columns: ['Yi-1.5-9B-Chat'] }, columns: ['基准（设置）', 'Yi'] };
    expect(differences(yiOnly, q2).some((p) => p.includes('drops source row "MMLU-Pro"'))).toBe(false);
  });
});
