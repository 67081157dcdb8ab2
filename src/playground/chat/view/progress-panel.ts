/**
 * Load progress: phase (下载 / 从缓存读取 / 编译着色器), percent within the phase, megabytes, and
 * the cancel button. web-llm restarts the fraction at 0 for each phase, so the phase name is
 * always shown next to the bar — a bar going back to 0% would otherwise look like a fault.
 */

import type { ChatSession, ChatState } from '../../session/chat-session';
import { formatMegabytes, formatPercent, PHASE_LABELS } from '../../ui/format';
import { button, element, setHidden, setText } from '../../ui/dom';

export interface ProgressPanel {
  element: HTMLElement;
  cancelButton: HTMLButtonElement;
  update(state: ChatState): void;
}

export function createProgressPanel(session: ChatSession, id: string): ProgressPanel {
  const root = element('div', 'chat-progress');
  const label = element('p', 'chat-progress-label');
  label.id = `${id}-progress-label`;
  const phase = element('span', 'chat-progress-phase');
  const percent = element('span', 'chat-progress-percent');
  const bytes = element('span', 'chat-progress-bytes');
  label.append(phase, ' ', percent, ' ', bytes);
  const bar = element('progress', 'chat-progress-bar');
  bar.max = 100;
  bar.setAttribute('aria-labelledby', label.id);
  const cancelButton = button('取消加载');
  cancelButton.addEventListener('click', () => session.cancelLoad());
  const row = element('div', 'chat-progress-row');
  row.append(bar, cancelButton);
  root.append(label, row);

  function update(state: ChatState): void {
    setHidden(root, state.status !== 'loading');
    if (state.status !== 'loading') return;
    const progress = state.progress;
    setText(phase, `${PHASE_LABELS[progress?.phase ?? 'other']}：`);
    const fraction = progress?.fraction ?? 0;
    setText(percent, formatPercent(fraction));
    const value = String(Math.floor(fraction * 100));
    if (bar.getAttribute('value') !== value) bar.value = Number(value);
    const { loadedBytes, totalBytes } = progress ?? {};
    setText(
      bytes,
      loadedBytes === undefined
        ? ''
        : totalBytes === undefined
          ? `（${formatMegabytes(loadedBytes)}）`
          : `（${formatMegabytes(loadedBytes)} / ${formatMegabytes(totalBytes)}）`,
    );
  }

  return { element: root, cancelButton, update };
}
