// Which benchmark tables the article shows, in order: the tables and their charts must agree.
import { getCollection } from 'astro:content';

/** Only tables scored by one evaluator for both families (the default), or all of them. */
export type BenchmarkSelection = 'same-evaluator' | 'all';

export async function benchmarkTables(include: BenchmarkSelection = 'same-evaluator') {
  return (await getCollection('benchmarks'))
    .map((entry) => entry.data)
    .filter((table) => include === 'all' || table.sameEvaluator)
    .sort((a, b) => a.order - b.order);
}
