/**
 * Tokens as boxes. Boundaries are drawn with borders and alternating styles, not colour alone; the
 * id shows on hover and on keyboard focus. One Tab stop for the whole list (arrow keys move between
 * tokens), so a long text does not cost the reader hundreds of Tab presses.
 */
import { displaySegments, spokenText } from '../display-text.ts';
import { formatInteger } from '../stats.ts';
import type { TokenUnit } from '../token-spans.ts';
import { element } from '../../ui/dom.ts';

/** Beyond this many units the DOM gets slow; the counts and the id view still cover everything. */
export const MAX_RENDERED_UNITS = 3000;

export function unitIdLabel(unit: TokenUnit): string {
  return unit.pieces.map((piece) => piece.id).join(' + ');
}

export function unitDescription(unit: TokenUnit): string {
  const text = `“${spokenText(unit.text)}”`;
  if (unit.special) return `特殊 token ${text}，id ${unit.pieces[0]?.id}`;
  if (unit.pieces.length === 1) return `${text}，id ${unit.pieces[0]?.id}`;
  const parts = unit.pieces.map((piece) => `id ${piece.id}（字节 ${piece.hex}）`).join('、');
  return `${text} 由 ${unit.pieces.length} 个 token 的部分字节组成：${parts}`;
}

function unitElement(unit: TokenUnit, index: number): HTMLElement {
  const classes = ['tok', index % 2 ? 'tok-b' : 'tok-a'];
  if (unit.partial) classes.push('tok-partial');
  if (unit.special) classes.push('tok-special');
  const node = element('span', classes.join(' '));
  node.setAttribute('role', 'listitem');
  node.setAttribute('aria-label', unitDescription(unit));
  node.tabIndex = -1;
  node.dataset.ids = unit.pieces.map((piece) => piece.id).join(' ');
  const text = element('span', 'tok-text');
  for (const segment of displaySegments(unit.text)) {
    if (segment.kind === 'text') text.append(segment.text);
    else text.append(element('span', `tok-ws tok-ws-${segment.kind}`, segment.mark));
  }
  node.append(text);
  if (unit.partial) node.append(element('span', 'tok-partial-tag', '部分字节'));
  const id = element('span', 'tok-id', unitIdLabel(unit));
  id.setAttribute('aria-hidden', 'true');
  node.append(id);
  return node;
}

/** A token ending in a newline ends the line here too, so code keeps its shape. */
function lineBreak(): HTMLElement {
  const br = element('br');
  br.setAttribute('aria-hidden', 'true');
  return br;
}

export interface TokenListView {
  element: HTMLElement;
  render(units: readonly TokenUnit[], label: string): void;
}

export function createTokenListView(): TokenListView {
  const box = element('div', 'tok-list-box');
  const list = element('div', 'tok-list');
  list.setAttribute('role', 'list');
  const detail = element('p', 'tok-detail');
  const more = element('p', 'tok-more');
  more.hidden = true;
  box.append(list, more, detail);
  let units: readonly TokenUnit[] = [];
  let nodes: HTMLElement[] = [];

  const makeCurrent = (target: HTMLElement) => {
    for (const node of nodes) node.tabIndex = -1;
    target.tabIndex = 0;
  };
  const show = (node: Element | null) => {
    const index = node instanceof HTMLElement ? Number(node.dataset.index) : NaN;
    const unit = units[index];
    detail.textContent = unit ? `当前：${unitDescription(unit)}` : '';
  };
  const focusAt = (index: number) => {
    const target = nodes[Math.max(0, Math.min(index, nodes.length - 1))];
    if (!target) return;
    makeCurrent(target);
    target.focus();
  };

  list.addEventListener('keydown', (event) => {
    const current = event.target instanceof HTMLElement ? Number(event.target.dataset.index) : NaN;
    if (Number.isNaN(current)) return;
    const moves: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowDown: current + 1,
      ArrowLeft: current - 1,
      ArrowUp: current - 1,
      Home: 0,
      End: nodes.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusAt(next);
  });
  list.addEventListener('focusin', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || target.dataset.index === undefined) return;
    makeCurrent(target);
    show(target);
  });
  list.addEventListener('mouseover', (event) => {
    const target = event.target instanceof Element ? event.target.closest('.tok') : null;
    if (target) show(target);
  });

  return {
    element: box,
    render(next, label) {
      units = next;
      const shown = next.slice(0, MAX_RENDERED_UNITS);
      const fragment = document.createDocumentFragment();
      nodes = shown.map((unit, index) => {
        const node = unitElement(unit, index);
        node.dataset.index = String(index);
        fragment.append(node);
        if (unit.text.endsWith('\n')) fragment.append(lineBreak());
        return node;
      });
      list.replaceChildren(fragment);
      list.setAttribute('aria-label', label);
      if (nodes[0]) nodes[0].tabIndex = 0;
      more.hidden = next.length <= MAX_RENDERED_UNITS;
      more.textContent = `只显示了前 ${formatInteger(MAX_RENDERED_UNITS)} 个；完整的 id 见“token id”视图。`;
      detail.textContent = shown.length
        ? '把鼠标移到 token 上，或用 Tab 进入列表后按方向键，可查看每个 token 的 id。'
        : '';
    },
  };
}
