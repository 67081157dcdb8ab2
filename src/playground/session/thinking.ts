/**
 * Qwen3 writes its reasoning inside <think>…</think> before the answer. Shown raw, the tags would
 * be stripped by the Markdown sanitizer and the reasoning would run straight into the answer, so
 * the two parts are separated here and the view puts the reasoning in a collapsible block.
 */

export interface ThinkingSplit {
  /** null when the text has no <think> block. */
  thinking: string | null;
  /** False while the model is still inside the block (streaming). */
  thinkingDone: boolean;
  answer: string;
}

const OPEN = '<think>';
const CLOSE = '</think>';

export function splitThinking(text: string): ThinkingSplit {
  const start = text.search(/\S/);
  if (start === -1 || !text.startsWith(OPEN, start)) return { thinking: null, thinkingDone: true, answer: text };
  const body = text.slice(start + OPEN.length);
  const end = body.indexOf(CLOSE);
  if (end === -1) return { thinking: body.trim(), thinkingDone: false, answer: '' };
  return {
    thinking: body.slice(0, end).trim(),
    thinkingDone: true,
    answer: body.slice(end + CLOSE.length).replace(/^\s+/, ''),
  };
}
