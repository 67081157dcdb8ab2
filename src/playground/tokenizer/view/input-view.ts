/** The text box and the sample-text buttons. */
import { PRESETS } from '../presets.ts';
import { textLength } from '../stats.ts';
import { lengthSentence } from '../summary.ts';
import { element, uniqueId } from '../../ui/dom.ts';

export interface InputView {
  element: HTMLElement;
  text(): string;
  setText(text: string): void;
}

export function createInputView(initialText: string, onChange: (text: string) => void): InputView {
  const box = element('div', 'tok-input');
  const id = uniqueId('tok-text');
  const label = element('label', 'tok-label', '要切分的文字（可粘贴或直接输入）');
  label.htmlFor = id;
  const textarea = element('textarea', 'tok-textarea');
  textarea.id = id;
  textarea.rows = 5;
  textarea.spellcheck = false;
  textarea.value = initialText;
  const count = element('p', 'tok-count');
  count.id = `${id}-count`;
  textarea.setAttribute('aria-describedby', count.id);
  const updateCount = () => {
    count.textContent = lengthSentence(textLength(textarea.value));
  };
  textarea.addEventListener('input', () => {
    updateCount();
    onChange(textarea.value);
  });

  const presets = element('div', 'tok-presets');
  presets.setAttribute('role', 'group');
  presets.setAttribute('aria-label', '示例文字');
  presets.append(element('span', 'tok-presets-label', '示例：'));
  for (const preset of PRESETS) {
    const button = element('button', 'button tok-preset', preset.label);
    button.type = 'button';
    button.dataset.preset = preset.id;
    button.addEventListener('click', () => {
      textarea.value = preset.text;
      updateCount();
      onChange(preset.text);
    });
    presets.append(button);
  }

  updateCount();
  box.append(label, textarea, count, presets);
  return {
    element: box,
    text: () => textarea.value,
    setText(text) {
      textarea.value = text;
      updateCount();
    },
  };
}
