/**
 * An error as the reader sees it: the Chinese message from errors.ts, one button for the action it
 * suggests, and — only for unrecognised errors — a collapsed details line. Never a stack trace.
 */

import type { EngineErrorAction } from '../../engine/errors';
import type { ChatSession, ChatState } from '../chat-session';
import { button, element, setHidden, setText } from '../../dom';

export const ACTION_LABELS: Readonly<Record<Exclude<EngineErrorAction, 'none'>, string>> = {
  retry: '重试',
  'delete-and-reload': '删除这个模型已下载的文件并重新下载',
  'smaller-model': '换一个更小的模型',
  'clear-conversation': '清空对话',
  'reload-page': '刷新页面',
};

export interface ErrorPanel {
  element: HTMLElement;
  actionButton: HTMLButtonElement;
  update(state: ChatState): void;
}

export function createErrorPanel(session: ChatSession, reloadPage: () => void): ErrorPanel {
  const root = element('div', 'chat-error');
  const message = element('p', 'chat-error-message');
  const actions = element('div', 'chat-error-actions');
  const actionButton = button(ACTION_LABELS.retry, 'button button-primary');
  const dismissButton = button('关闭提示');
  actions.append(actionButton, dismissButton);
  const details = element('details', 'chat-error-details');
  const detailsText = element('p');
  details.append(element('summary', undefined, '技术细节'), detailsText);
  root.append(message, actions, details);

  actionButton.addEventListener('click', () => {
    void session.runErrorAction().then((handled) => {
      if (!handled && session.getState().error?.action === 'reload-page') reloadPage();
    });
  });
  dismissButton.addEventListener('click', () => session.dismissError());

  function update(state: ChatState): void {
    const error = state.error;
    setHidden(root, error === null);
    if (error === null) return;
    root.dataset.kind = error.kind;
    setText(message, error.message);
    setHidden(actionButton, error.action === 'none');
    if (error.action !== 'none') {
      setText(actionButton, ACTION_LABELS[error.action]);
      actionButton.dataset.action = error.action;
    }
    setHidden(details, error.details === undefined);
    setText(detailsText, error.details ?? '');
  }

  return { element: root, actionButton, update };
}
