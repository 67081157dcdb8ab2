/**
 * The one way the chat views build elements. Text goes in through textContent only; the single
 * place that inserts markup is the answer renderer, and it only inserts markdown.ts's sanitized
 * fragment.
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

/** A label above its control, tied by id so the control has an accessible name. */
export function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLDivElement {
  const wrapper = element('div', 'chat-field');
  const labelNode = element('label', 'chat-field-label', label);
  labelNode.htmlFor = id;
  control.id = id;
  wrapper.append(labelNode, control);
  if (hint !== undefined) {
    const hintNode = element('span', 'chat-field-hint', hint);
    hintNode.id = `${id}-hint`;
    control.setAttribute('aria-describedby', hintNode.id);
    wrapper.append(hintNode);
  }
  return wrapper;
}

/** Writes only on change: views re-render every frame while an answer streams. */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

export function setHidden(node: HTMLElement, hidden: boolean): void {
  if (node.hidden !== hidden) node.hidden = hidden;
}

export function setDisabled(node: HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, disabled: boolean): void {
  if (node.disabled !== disabled) node.disabled = disabled;
}
