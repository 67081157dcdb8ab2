/** The comparison sentence; a polite live region, so screen readers hear each new result once. */
import { element } from '../../ui/dom.ts';

export interface SummaryView {
  element: HTMLElement;
  set(sentence: string): void;
}

export function createSummaryView(): SummaryView {
  const summary = element('p', 'tok-summary');
  summary.setAttribute('aria-live', 'polite');
  summary.setAttribute('aria-atomic', 'true');
  return {
    element: summary,
    set(sentence) {
      if (summary.textContent !== sentence) summary.textContent = sentence;
    },
  };
}
