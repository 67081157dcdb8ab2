/** The one-sentence comparison under the text box, and the length of the text above it. */
import { formatInteger, type TextLength } from './stats.ts';

/**
 * "10 个字符（16 个 Unicode 码位，UTF-8 编码 54 字节）": the characters a reader sees first; code
 * points only when they differ (emoji, rare characters written with combining marks), since a
 * tokenizer works on bytes and an emoji may cost several code points.
 */
export function lengthSentence({ characters, codePoints, bytes }: TextLength): string {
  const codePointPart = codePoints === characters ? '' : `${formatInteger(codePoints)} 个 Unicode 码位，`;
  return `${formatInteger(characters)} 个字符（${codePointPart}UTF-8 编码 ${formatInteger(bytes)} 字节）`;
}

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
