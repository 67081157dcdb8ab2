/**
 * The architecture table as pictures: per dimension (layers, hidden size, FFN size, vocabulary),
 * one bar per model in its family's colour; and for attention, which query heads share a K/V head.
 */
import type { z } from 'astro/zod';
import type { modelSchema } from '../../content/schemas.ts';
import type { BarChartInput } from './bar-layout.ts';
import { familySplitInput } from './family-split.ts';
import type { ModelFamily } from '../model-families.ts';
import { round1 } from './bar-layout.ts';

export type Model = z.infer<typeof modelSchema>;

export type ArchitectureDimension = 'layers' | 'hiddenSize' | 'intermediateSize' | 'vocabSize';

export const DIMENSIONS: Array<{ field: ArchitectureDimension; title: string }> = [
  { field: 'layers', title: '层数' },
  { field: 'hiddenSize', title: '隐藏维度 d' },
  { field: 'intermediateSize', title: 'FFN 中间维度' },
  { field: 'vocabSize', title: '词表大小（config）' },
];

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A model field that must be a number to be drawn; a text value (e.g. "8K") is an error in the data, not a bar. */
export function numericFact(model: Model, field: ArchitectureDimension | 'attentionHeads' | 'kvHeads'): number {
  const value = model[field].value;
  const number = typeof value === 'number' ? value : Number.NaN;
  if (!Number.isFinite(number)) throw new Error(`${model.id}.${field} is not a number: ${String(value)}`);
  return number;
}

export function dimensionChartInput(models: Model[], field: ArchitectureDimension): BarChartInput {
  return familySplitInput(
    models.map((model) => {
      const value = numericFact(model, field);
      return { label: model.name, family: model.family, measures: [{ value, text: integer.format(value) }] };
    }),
    [DIMENSIONS.find((d) => d.field === field)!.title],
  );
}

export interface GqaRow {
  name: string;
  family: ModelFamily;
  heads: number;
  kvHeads: number;
  /** Query heads per K/V head. */
  groupSize: number;
}

export function gqaRows(models: Model[]): GqaRow[] {
  return models.map((model) => {
    const heads = numericFact(model, 'attentionHeads');
    const kvHeads = numericFact(model, 'kvHeads');
    if (heads % kvHeads !== 0) throw new Error(`${model.id}: ${heads} query heads do not split into ${kvHeads} K/V groups`);
    return { name: model.name, family: model.family, heads, kvHeads, groupSize: heads / kvHeads };
  });
}

export function describeGqa(row: GqaRow): string {
  return `${row.name}：${row.heads} 个查询头，${row.kvHeads} 个 KV 头，每 ${row.groupSize} 个查询头共用一组 K/V`;
}

export const GQA_LAYOUT = { width: 320, label: 20, cell: 12, cellGap: 1, groupGap: 4, kvBar: 6, rowGap: 14 } as const;

export interface GqaGeometry {
  width: number;
  height: number;
  rows: Array<{
    row: GqaRow;
    labelY: number;
    cells: Array<{ x: number; y: number; size: number; group: number }>;
    kv: Array<{ x: number; y: number; width: number; height: number; group: number }>;
  }>;
}

/** Squares for query heads, packed in groups along one line, with a bar under each group for its shared K/V head. */
export function layoutGqa(rows: GqaRow[]): GqaGeometry {
  const { width, label, cell, cellGap, groupGap, kvBar, rowGap } = GQA_LAYOUT;
  let y = 0;
  const placed = rows.map((row) => {
    const labelY = y + label - 6;
    y += label;
    const fit = (width - (row.kvHeads - 1) * groupGap) / row.heads - cellGap;
    // Rounded down: rounding up would push the last group past the right edge.
    const size = Math.floor(Math.min(cell, fit) * 10) / 10;
    const cells: GqaGeometry['rows'][number]['cells'] = [];
    const kv: GqaGeometry['rows'][number]['kv'] = [];
    for (let group = 0; group < row.kvHeads; group++) {
      const groupX = group * (row.groupSize * (size + cellGap) + groupGap);
      for (let i = 0; i < row.groupSize; i++) cells.push({ x: round1(groupX + i * (size + cellGap)), y: round1(y), size, group });
      kv.push({ x: round1(groupX), y: round1(y + size + 2), width: round1(row.groupSize * (size + cellGap) - cellGap), height: kvBar, group });
    }
    y += size + 2 + kvBar + rowGap;
    return { row, labelY, cells, kv };
  });
  return { width, height: round1(y - rowGap), rows: placed };
}

/** Many rectangles as one SVG path: the GQA picture has hundreds of squares, and one element per square would only weigh the page down. */
export function rectanglesPath(rects: Array<{ x: number; y: number; width: number; height: number }>): string {
  return rects.map((r) => `M${r.x} ${r.y}h${r.width}v${r.height}h${-r.width}z`).join('');
}
