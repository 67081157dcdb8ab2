/** The at-a-glance summary: questions readers come with, each answered by sourced claims. */
import type { z } from 'astro/zod';
import type { seriesSchema } from '../../content/schemas.ts';
import type { ArticleTokenCost } from '../article-token-cost.ts';
import type { BenchmarkTable } from '../charts/benchmark-chart.ts';
import type { Model } from '../charts/architecture-chart.ts';
import type { CatalogueEntry } from '../../playground/catalogue.ts';

/** How strong the evidence behind a claim is, shown next to it. */
export type Evidence = 'same-evaluator' | 'vendor' | 'measured' | 'unknown';

export const EVIDENCE_LABEL: Record<Evidence, string> = {
  'same-evaluator': '同一评测方的基准',
  vendor: '仅有厂商自述',
  measured: '本站实测',
  unknown: '尚无可靠证据',
};

export interface Claim {
  evidence: Evidence;
  /** One sentence; every number in it comes from the data. */
  text: string;
  /** Reference keys, shown as citations. */
  sources: string[];
}

export interface SummaryLink {
  /** A fragment on the article's text page ("#arch-gqa") or a path from the base, with or without a fragment ("faq/#bench-q3tr-base"). */
  href: string;
  label: string;
}

export interface SummaryItem {
  id: string;
  question: string;
  claims: Claim[];
  links: SummaryLink[];
}

export type Series = z.infer<typeof seriesSchema>;

export interface SummaryData {
  benchmarks: BenchmarkTable[];
  models: Model[];
  series: Series[];
  catalogue: readonly CatalogueEntry[];
  tokenCost: ArticleTokenCost['total'];
}
