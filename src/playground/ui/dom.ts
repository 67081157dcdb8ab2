/**
 * The one way the playground's views build elements. Text goes in through textContent only: the
 * reader's input, URL parameters and model output are untrusted, and a helper without an HTML
 * path cannot turn them into markup by accident. (The only place that inserts markup is the
 * answer renderer, and it inserts markdown.ts's sanitized fragment.)
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

/** Writes only on change: views re-render every frame while an answer streams. */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

export function setHidden(node: HTMLElement, hidden: boolean): void {
  if (node.hidden !== hidden) node.hidden = hidden;
}

export function setDisabled(
  node: HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  disabled: boolean,
): void {
  if (node.disabled !== disabled) node.disabled = disabled;
}

/**
 * Shows a (possibly clamped) value in a form field. A field the reader is typing in is left alone
 * unless `force` (after they commit it): rewriting it would move the caret and lose keystrokes.
 */
export function writeField(input: HTMLInputElement | HTMLTextAreaElement, value: string, force: boolean): void {
  if ((force || document.activeElement !== input) && input.value !== value) input.value = value;
}

let counter = 0;
/** Ids unique on the page even when an island is mounted twice (the article and a test page). */
export function uniqueId(prefix: string): string {
  return `${prefix}-${++counter}`;
}

/**
 * Whether keyboard focus has left the view's controls: it is outside `root`, or on a control that
 * was just disabled or hidden (focus would otherwise fall back to the start of the page).
 */
export function focusWasLost(root: HTMLElement): boolean {
  const active = document.activeElement as HTMLElement | null;
  return (
    active === null ||
    active === document.body ||
    !root.contains(active) ||
    (active as HTMLButtonElement).disabled === true ||
    active.closest('[hidden]') !== null
  );
}

/** Focuses `target` if the reader can reach it. */
export function focusIfUsable(target: HTMLButtonElement | HTMLTextAreaElement): void {
  if (!target.disabled && target.closest('[hidden]') === null) target.focus();
}

/**
 * Runs each step (a DOM insertion) at the start of an animation frame of its own, so that frame
 * draws it, and resolves after the last. A view whose first layout is over a frame's budget on a
 * phone (new fonts, tables) goes in over a few frames instead of holding up one scroll frame.
 * Each step is laid out in its frame even when `root` (where the steps insert) is in a part of the
 * page that is off screen and skipped (content-visibility: auto in the article): the browser
 * would otherwise lay every piece out at once in the scroll frame that brings the part near.
 * Measuring something inside a skipped part lays it out, and the layout is kept.
 */
export async function frameByFrame(steps: readonly (() => void)[], root: Element): Promise<void> {
  for (const step of steps) {
    await new Promise(requestAnimationFrame);
    step();
    root.getBoundingClientRect();
  }
}

/**
 * Steps (for frameByFrame) that append `children` to `parent` from the top down, taking them out
 * of the document now: each shown child in a step of its own, and its own children the same way,
 * down to `depth` levels (an element with text of its own goes in whole). A hidden child goes in
 * with the next step: it costs no layout.
 */
export function topDown(parent: Element, children: readonly Element[], depth = 1): (() => void)[] {
  const steps: (() => void)[] = [];
  let hidden: Element[] = [];
  for (const child of children) {
    child.remove();
    if (child instanceof HTMLElement && child.hidden) {
      hidden.push(child);
      continue;
    }
    const together = [...hidden, child];
    hidden = [];
    const inner = depth > 1 && child.childNodes.length === child.children.length ? topDown(child, [...child.children], depth - 1) : [];
    const first = inner.shift();
    steps.push(() => {
      parent.append(...together);
      first?.();
    }, ...inner);
  }
  const rest = hidden;
  if (rest.length) steps.push(() => parent.append(...rest));
  return steps;
}
