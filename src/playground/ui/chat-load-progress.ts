/**
 * Load progress of a chat session (the chat, or one arena side): web-llm's phase (下载 / 从缓存读取 / 编译着色器),
 * percent within the phase and bytes, in the shared display (ui/progress.ts), with 取消加载.
 */

import type { ChatSession, ChatState } from '../session/chat-session';
import { PHASE_LABELS } from './format';
import { createProgress } from './progress';

export interface ProgressPanel {
  element: HTMLElement;
  cancelButton: HTMLButtonElement;
  update(state: ChatState): void;
}

export function createProgressPanel(session: ChatSession, id: string): ProgressPanel {
  const view = createProgress({ id, className: 'chat-progress', cancelLabel: '取消加载', onCancel: () => session.cancelLoad() });

  function update(state: ChatState): void {
    if (state.status !== 'loading') return view.update(null);
    const { phase = 'other', fraction = 0, loadedBytes, totalBytes } = state.progress ?? {};
    view.update({
      phase: PHASE_LABELS[phase],
      fraction,
      ...(loadedBytes === undefined ? {} : { loadedBytes }),
      ...(totalBytes === undefined ? {} : { totalBytes }),
    });
  }

  return { element: view.element, cancelButton: view.cancelButton, update };
}
