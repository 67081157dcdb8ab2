/** The build-time token table as bars: tokens per character of each article section, Qwen vs Llama 3. */
import type { ArticleTokenCost } from '../article-token-cost.ts';
import { formatRatio } from '../../playground/tokenizer/stats.ts';
import type { BarChartInput } from './bar-layout.ts';

export function tokenCostChartInput(cost: ArticleTokenCost): BarChartInput {
  const ratio = (value: number | null) => (value === null ? null : { value, text: formatRatio(value) });
  return {
    series: [
      { name: 'Qwen', family: 'qwen', shade: 0 },
      { name: 'Llama 3', family: 'llama', shade: 0 },
    ],
    groups: cost.sections.map((section) => ({
      label: section.title,
      values: [ratio(section.qwen.tokensPerCharacter), ratio(section.llama.tokensPerCharacter)],
    })),
  };
}
