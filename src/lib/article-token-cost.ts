/**
 * What the article costs in tokens, section by section, with each family's tokenizer. One
 * computation for the token table, its chart and the summary, so the three cannot disagree.
 */
import type { ArticleSection } from '../playground/tokenizer/article-sections.ts';
import { textStats, type TextStats } from '../playground/tokenizer/stats.ts';
import type { ModelFamily } from './model-families.ts';

export interface SectionTokenCost {
  title: string;
  qwen: TextStats;
  llama: TextStats;
}

export interface ArticleTokenCost {
  sections: SectionTokenCost[];
  /**
   * Sections are tokenized separately, as a model would see each one on its own; the total adds
   * them up rather than tokenizing the joined text (the two differ by a token or so at each seam).
   */
  total: { characters: number; qwen: number; llama: number };
}

/** The cost of the article's `sections`; `count` returns how many tokens a text costs with one family's tokenizer. */
export function articleTokenCost(
  articleSections: ArticleSection[],
  count: (family: ModelFamily, text: string) => number,
): ArticleTokenCost {
  const sections = articleSections.map((section) => ({
    title: section.title,
    qwen: textStats(section.text, count('qwen', section.text)),
    llama: textStats(section.text, count('llama', section.text)),
  }));
  const total = sections.reduce(
    (sum, row) => ({ characters: sum.characters + row.qwen.characters, qwen: sum.qwen + row.qwen.tokens, llama: sum.llama + row.llama.tokens }),
    { characters: 0, qwen: 0, llama: 0 },
  );
  return { sections, total };
}

/** How many percent more tokens Llama 3 needs than Qwen for the whole article (negative: fewer). */
export function llamaExtraPercent(total: ArticleTokenCost['total']): number {
  return total.qwen ? Math.round(((total.llama - total.qwen) / total.qwen) * 100) : 0;
}

/** "Llama 3 比 Qwen 多 23% 的 token", as the table and the summary both say it. */
export function tokenComparison(total: ArticleTokenCost['total']): string {
  const percent = llamaExtraPercent(total);
  return percent === 0 ? '两者的 token 数相差不到 1%' : `Llama 3 比 Qwen ${percent > 0 ? '多' : '少'} ${Math.abs(percent)}% 的 token`;
}
