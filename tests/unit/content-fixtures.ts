// The article's data files parsed with the build's own schemas (defaults applied), for tests
// that render summaries and charts from real data and then change one number.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'astro/zod';
import { benchmarkTableSchema, modelSchema, referenceSchema, seriesSchema } from '../../src/content/schemas';

function load<S extends z.ZodType>(name: string, schema: S): z.infer<S>[] {
  const raw = parse(readFileSync(fileURLToPath(new URL(`../../src/content/${name}`, import.meta.url)), 'utf8')) as unknown[];
  return raw.map((entry) => schema.parse(entry));
}

export const loadBenchmarks = () => load('benchmarks.yaml', benchmarkTableSchema);
export const loadModels = () => load('models.yaml', modelSchema);
export const loadSeries = () => load('series.yaml', seriesSchema);
export const loadReferenceIds = () => new Set(load('references.yaml', referenceSchema).map((r) => r.id));
