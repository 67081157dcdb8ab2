/**
 * The one way the tokenizer views build elements. Text goes in through textContent only: the
 * reader's text and anything read from the URL are untrusted and must never become markup.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

let counter = 0;
/** Ids unique on the page even if the island is mounted twice (article and a test page). */
export function uniqueId(prefix: string): string {
  return `${prefix}-${++counter}`;
}
