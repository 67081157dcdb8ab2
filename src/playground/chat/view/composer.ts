/**
 * The prompt box and its buttons. Enter sends and Shift+Enter starts a new line, except while an
 * input method is composing: Chinese readers press Enter to confirm pinyin candidates, and that
 * Enter (isComposing, or keyCode 229 in browsers that report composition that way) must reach
 * the IME untouched — not send half a sentence.
 */

import type { ChatSession, ChatState } from '../../session/chat-session';
import { PROMPT_PRESETS } from '../../session/presets';
import { button, element, setDisabled, setHidden } from '../../ui/dom';
import { isImeEnter } from '../../ui/field';

export interface Composer {
  element: HTMLElement;
  textarea: HTMLTextAreaElement;
  update(state: ChatState): void;
}

export function createComposer(session: ChatSession, id: string): Composer {
  const root = element('div', 'chat-composer');

  const presets = element('div', 'chat-presets');
  presets.setAttribute('role', 'group');
  presets.setAttribute('aria-label', '示例提示词');
  presets.append(element('span', 'chat-presets-label', '示例：'));

  const label = element('label', 'chat-field-label', '你的问题');
  label.htmlFor = `${id}-prompt`;
  const textarea = element('textarea', 'chat-prompt');
  textarea.id = `${id}-prompt`;
  textarea.rows = 3;
  textarea.placeholder = '输入问题……';
  const hint = element('p', 'chat-field-hint', '按 Enter 发送，Shift+Enter 换行。');
  hint.id = `${id}-prompt-hint`;
  textarea.setAttribute('aria-describedby', hint.id);

  const sendButton = button('发送', 'button button-primary');
  const stopButton = button('停止');
  const newButton = button('新对话');
  const actions = element('div', 'chat-composer-actions');
  actions.append(sendButton, stopButton, newButton);

  for (const preset of PROMPT_PRESETS) {
    const presetButton = button(preset.label, 'button chat-preset');
    presetButton.dataset.preset = preset.id;
    presetButton.addEventListener('click', () => {
      textarea.value = preset.prompt;
      textarea.focus();
    });
    presets.append(presetButton);
  }
  root.append(presets, label, textarea, hint, actions);

  const send = () => {
    if (!session.canSend || textarea.value.trim() === '') return;
    const text = textarea.value;
    textarea.value = '';
    void session.send(text);
  };

  textarea.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || isImeEnter(event)) return;
    event.preventDefault();
    send();
  });
  sendButton.addEventListener('click', send);
  stopButton.addEventListener('click', () => session.stop());
  newButton.addEventListener('click', () => void session.newConversation());

  function update(state: ChatState): void {
    const generating = state.status === 'generating';
    setDisabled(sendButton, !session.canSend);
    setDisabled(stopButton, !generating);
    setDisabled(newButton, state.turns.length === 0 && !generating);
    setHidden(presets, state.capability?.ok !== true);
  }

  return { element: root, textarea, update };
}
