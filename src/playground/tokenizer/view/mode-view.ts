/** Which view of the results is shown: the cut text, the raw ids, or the chat format. */
import type { ViewMode } from '../url-state.ts';
import { element, uniqueId } from '../../ui/dom.ts';

const LABELS: Record<ViewMode, string> = {
  spans: '切分结果',
  ids: 'token id',
  chat: '对话模板',
};

export interface ModeView {
  element: HTMLElement;
  set(mode: ViewMode): void;
}

export function createModeView(initial: ViewMode, onChange: (mode: ViewMode) => void): ModeView {
  const fieldset = element('fieldset', 'tok-modes');
  fieldset.append(element('legend', undefined, '显示'));
  const name = uniqueId('tok-mode');
  const inputs = new Map<ViewMode, HTMLInputElement>();
  for (const mode of Object.keys(LABELS) as ViewMode[]) {
    const label = element('label', 'tok-mode');
    const input = element('input');
    input.type = 'radio';
    input.name = name;
    input.value = mode;
    input.checked = mode === initial;
    input.addEventListener('change', () => {
      if (input.checked) onChange(mode);
    });
    inputs.set(mode, input);
    label.append(input, document.createTextNode(LABELS[mode]));
    fieldset.append(label);
  }
  return {
    element: fieldset,
    set(mode) {
      const input = inputs.get(mode);
      if (input) input.checked = true;
    },
  };
}
