/**
 * The "本机已下载的模型" list, from what the worker found in the caches (list-cached).
 *
 * The 4k and 1k builds of a model use the very same files (same folder, same library), so they
 * are one row, and every byte is counted once in the total even when a file appears under two
 * rows or two sources.
 */

import { CATALOGUE, type CatalogueEntry } from '../catalogue';
import type { CachedModelReport } from '../engine/cache-inspection';
import { sourceSetting, type ModelSource } from '../sources/model-source';
import { modelLabel } from './plan';

export interface SourcedReport {
  source: ModelSource;
  report: CachedModelReport;
}

/**
 * complete: every weight shard is cached and nothing is damaged;
 * partial: a download stopped part way — loading again continues it;
 * damaged: a cached file cannot be right (see cache-inspection.ts) — only deleting helps.
 */
export type CacheRowState = 'complete' | 'partial' | 'damaged';

export interface CacheRow {
  /** Stable per source and file set, for DOM keys. */
  key: string;
  source: ModelSource;
  /** Several ids when builds share all their files. */
  modelIds: string[];
  label: string;
  bytes: number;
  state: CacheRowState;
  missingShards: number;
}

export interface CacheSummary {
  rows: CacheRow[];
  /** Bytes of all distinct cached files. */
  totalBytes: number;
}

function rowLabel(ids: readonly string[], catalogue: readonly CatalogueEntry[]): string {
  const entries = ids.map((id) => catalogue.find((entry) => entry.id === id));
  const first = entries[0];
  if (first === undefined) return ids.join(' / ');
  const sameModel = entries.every(
    (entry) => entry?.displayName === first.displayName && entry.quantization === first.quantization,
  );
  if (sameModel && entries.length > 1) return `${first.displayName} · ${first.quantization}（不同上下文长度的版本共用这些文件）`;
  return entries.map((entry, index) => (entry === undefined ? ids[index]! : modelLabel(entry))).join(' / ');
}

export function summarizeCache(found: readonly SourcedReport[], catalogue: readonly CatalogueEntry[] = CATALOGUE): CacheSummary {
  const groups = new Map<string, { source: ModelSource; reports: CachedModelReport[] }>();
  for (const { source, report } of found) {
    const key = `${sourceSetting(source)}|${report.files.map((file) => file.url).sort().join('|')}`;
    const group = groups.get(key) ?? { source, reports: [] };
    group.reports.push(report);
    groups.set(key, group);
  }
  const rows = [...groups].map(([key, { source, reports }]): CacheRow => {
    const files = reports[0]!.files;
    const damaged = reports.some((report) => report.files.some((file) => file.problem !== undefined));
    const complete = reports.every((report) => report.complete);
    return {
      key,
      source,
      modelIds: reports.map((report) => report.modelId),
      label: rowLabel(
        reports.map((report) => report.modelId),
        catalogue,
      ),
      bytes: files.reduce((sum, file) => sum + file.bytes, 0),
      state: damaged ? 'damaged' : complete ? 'complete' : 'partial',
      missingShards: Math.max(...reports.map((report) => report.missingShards)),
    };
  });
  rows.sort((a, b) => b.bytes - a.bytes || a.label.localeCompare(b.label));

  const distinct = new Map<string, number>();
  for (const { report } of found) for (const file of report.files) distinct.set(file.url, file.bytes);
  const totalBytes = [...distinct.values()].reduce((sum, bytes) => sum + bytes, 0);
  return { rows, totalBytes };
}

export function describeRowState(row: CacheRow): string {
  switch (row.state) {
    case 'complete':
      return '已完整下载';
    case 'partial':
      return row.missingShards > 0
        ? `没有下载完（还缺 ${row.missingShards} 个权重文件）：再次加载时会从中断处继续`
        : '没有下载完：再次加载时会从中断处继续';
    case 'damaged':
      return '有文件已损坏，这个模型无法加载：请删除后重新下载';
  }
}
