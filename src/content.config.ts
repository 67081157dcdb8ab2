import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import {
  appendixSchema,
  articleSchema,
  benchmarkTableSchema,
  equationSchema,
  erratumSchema,
  modelSchema,
  referenceSchema,
  seriesSchema,
} from './content/schemas';

export const collections = {
  article: defineCollection({ loader: glob({ pattern: '*.mdx', base: './src/content/article' }), schema: articleSchema }),
  appendix: defineCollection({ loader: glob({ pattern: '*.mdx', base: './src/content/appendix' }), schema: appendixSchema }),
  references: defineCollection({ loader: file('src/content/references.yaml'), schema: referenceSchema }),
  errata: defineCollection({ loader: file('src/content/errata.yaml'), schema: erratumSchema }),
  models: defineCollection({ loader: file('src/content/models.yaml'), schema: modelSchema }),
  benchmarks: defineCollection({ loader: file('src/content/benchmarks.yaml'), schema: benchmarkTableSchema }),
  series: defineCollection({ loader: file('src/content/series.yaml'), schema: seriesSchema }),
  equations: defineCollection({ loader: file('src/content/equations.yaml'), schema: equationSchema }),
};
