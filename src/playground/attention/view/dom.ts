/**
 * The one way the explorer builds elements. Text goes in through textContent only: the reader's
 * sentence is untrusted, and a helper without an HTML path cannot turn it into markup by accident.
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
