/** The raw ids, as a list a reader can copy into code. */
import { element } from '../../ui/dom.ts';

export interface IdsView {
  element: HTMLElement;
  render(ids: readonly number[], label: string): void;
}

export function createIdsView(): IdsView {
  const box = element('div', 'tok-ids-box');
  const pre = element('pre', 'tok-ids');
  pre.tabIndex = 0;
  const copy = element('button', 'button tok-copy', '复制 id');
  copy.type = 'button';
  const copied = element('span', 'tok-copied');
  copied.setAttribute('role', 'status');
  copy.addEventListener('click', () => {
    navigator.clipboard.writeText(pre.textContent ?? '').then(
      () => (copied.textContent = '已复制'),
      () => (copied.textContent = '无法访问剪贴板，请手动选择复制'),
    );
  });
  box.append(pre, copy, copied);
  return {
    element: box,
    render(ids, label) {
      pre.textContent = `[${ids.join(', ')}]`;
      pre.setAttribute('aria-label', label);
      copied.textContent = '';
    },
  };
}
