/** The one-sentence comparison under the text box. */
import { formatInteger } from './stats.ts';

export function comparisonSentence(qwenTokens: number, llamaTokens: number): string {
  if (qwenTokens === 0 && llamaTokens === 0) return '还没有文字可以切分。';
  const qwen = formatInteger(qwenTokens);
  const llama = formatInteger(llamaTokens);
  if (qwenTokens === llamaTokens) return `这段文字 Qwen 和 Llama 3 都需要 ${qwen} 个 token。`;
  if (qwenTokens === 0) return `这段文字 Qwen 需要 0 个 token，Llama 3 需要 ${llama} 个。`;
  const percent = (Math.abs(llamaTokens - qwenTokens) / qwenTokens) * 100;
  const rounded = Math.round(percent);
  const direction = llamaTokens > qwenTokens ? '多' : '少';
  const difference = rounded === 0 ? `${direction}不到 1%` : `${direction} ${formatInteger(rounded)}%`;
  return `这段文字 Qwen 需要 ${qwen} 个 token，Llama 3 需要 ${llama} 个（${difference}）。`;
}
