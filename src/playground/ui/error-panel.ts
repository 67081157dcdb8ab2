/**
 * An error as the reader sees it: the Chinese message from errors.ts (what happened, what to do),
 * the buttons that do it, and a collapsed 技术细节 line (file, host, status code, the browser's own
 * words). Never a stack trace.
 *
 * When another download source may help (a network or host failure), the panel offers it in place:
 * "改用 hf-mirror.com 镜像并重试" (or back to Hugging Face when the mirror failed), remembered like
 * the models page's picker, and a link to that picker for any other choice.
 */

import { withBase } from '../../lib/url';
import type { EngineErrorAction } from '../engine/errors';
import type { ModelSource } from '../sources/model-source';
import { alternativeSource, switchModelSource } from '../sources/source-store';
import type { ChatErrorState, ChatSession } from '../session/chat-session';
import { button, element, setDisabled, setHidden, setText } from './dom';

export const ACTION_LABELS: Readonly<Record<Exclude<EngineErrorAction, 'none'>, string>> = {
  retry: '重试',
  'delete-and-reload': '删除这个模型已下载的文件并重新下载',
  'smaller-model': '换一个更小的模型',
  'clear-conversation': '清空对话',
  'reload-page': '刷新页面',
};

const SWITCH_LABELS: Readonly<Record<ModelSource['id'], string>> = {
  'hf-mirror': '改用 hf-mirror.com 镜像并重试',
  huggingface: '改回 Hugging Face 并重试',
  custom: '改用这个下载源并重试',
};

/** The models page's source picker (models.astro), under the site's base path. */
export const SOURCE_PICKER_HREF = withBase('playground/models/#download-source');

/** What the panel's buttons do: for one chat session, or for both sides of the arena at once. */
export interface ErrorActions {
  /** The error's own action; false when the page has to do it ('reload-page'). */
  run(): Promise<boolean>;
  /** Repeats what failed (after the download source was switched). */
  retry(): Promise<void>;
  dismiss(): void;
}

export function sessionErrorActions(session: ChatSession): ErrorActions {
  return {
    run: () => session.runErrorAction(),
    retry: () => session.retry(),
    dismiss: () => session.dismissError(),
  };
}

export interface ErrorPanel {
  element: HTMLElement;
  /** The button a keyboard reader most likely wants next; null when the error offers none. */
  primaryButton(): HTMLButtonElement | null;
  /** Disables the buttons that load a model (while the other side of the arena needs the GPU). */
  setLoadingBlocked(blocked: boolean): void;
  update(error: ChatErrorState | null): void;
}

export function createErrorPanel(actions: ErrorActions, reloadPage: () => void): ErrorPanel {
  const root = element('div', 'chat-error');
  const message = element('p', 'chat-error-message');
  const buttons = element('div', 'chat-error-actions');
  const switchButton = button(SWITCH_LABELS['hf-mirror']);
  switchButton.dataset.action = 'switch-source';
  const actionButton = button(ACTION_LABELS.retry);
  const pickerLink = element('a', 'chat-error-link', '选择其他下载源');
  pickerLink.href = SOURCE_PICKER_HREF;
  const dismissButton = button('关闭提示');
  buttons.append(switchButton, actionButton, pickerLink, dismissButton);
  const details = element('details', 'chat-error-details');
  const detailsText = element('p');
  details.append(element('summary', undefined, '技术细节'), detailsText);
  root.append(message, buttons, details);

  let shown: ChatErrorState | null = null;
  let offered: ModelSource | null = null;

  switchButton.addEventListener('click', () => {
    if (offered === null) return;
    switchModelSource(offered);
    void actions.retry();
  });
  actionButton.addEventListener('click', () => {
    const action = shown?.action;
    void actions.run().then((handled) => {
      if (!handled && action === 'reload-page') reloadPage();
    });
  });
  dismissButton.addEventListener('click', () => actions.dismiss());

  /** The mirror is the likeliest cure, so it leads; a way back to Hugging Face follows 重试. */
  function setPrimary(node: HTMLButtonElement, primary: boolean): void {
    node.className = primary ? 'button button-primary' : 'button';
  }

  function update(error: ChatErrorState | null): void {
    shown = error;
    setHidden(root, error === null);
    if (error === null) return;
    root.dataset.kind = error.kind;
    setText(message, error.message);

    offered = error.sourceMayHelp ? alternativeSource() : null;
    const switchLeads = offered !== null && (offered.id === 'hf-mirror' || error.action === 'none');
    setHidden(switchButton, offered === null);
    setHidden(pickerLink, !error.sourceMayHelp);
    if (offered !== null) setText(switchButton, SWITCH_LABELS[offered.id]);
    setPrimary(switchButton, switchLeads);

    setHidden(actionButton, error.action === 'none');
    setPrimary(actionButton, !switchLeads);
    if (error.action !== 'none') {
      setText(actionButton, ACTION_LABELS[error.action]);
      actionButton.dataset.action = error.action;
    }
    setHidden(details, error.details === '');
    setText(detailsText, error.details);
  }

  return {
    element: root,
    primaryButton: () => [switchButton, actionButton].find((node) => !node.hidden && node.classList.contains('button-primary')) ?? null,
    setLoadingBlocked(blocked) {
      setDisabled(switchButton, blocked);
      setDisabled(actionButton, blocked);
    },
    update,
  };
}
