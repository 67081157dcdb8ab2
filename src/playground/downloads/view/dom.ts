/**
 * Element building for the download views. Text goes in through textContent only: model names
 * are ours, but source URLs are typed by the reader.
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

export function button(text: string, className = 'button'): HTMLButtonElement {
  const node = element('button', className, text);
  node.type = 'button';
  return node;
}

/** Ids stay unique when a view is mounted twice on one page. */
let counter = 0;
export function uniqueId(prefix: string): string {
  return `${prefix}-${++counter}`;
}
