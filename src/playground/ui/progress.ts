/**
 * The one load-progress display of the playground: what is happening, percent within it, bytes,
 * a bar and a cancel button. Used by the chat and arena (web-llm's load phases), the models page
 * (下载到本机) and the tokenizer (its two files). A phase restarts at 0%, so the phase name is
 * always shown next to the bar — a bar going back to 0% would otherwise look like a fault.
 */

import './progress.css';
import { formatBytes } from './bytes';
import { button, element, setHidden, setText } from './dom';

export interface ProgressReading {
  /** What is happening ("下载"); when fraction is null, the whole sentence ("下载完成，正在解析……"). */
  phase: string;
  /** 0..1 within the phase; null when unknown: the bar then runs without a value. */
  fraction: number | null;
  loadedBytes?: number;
  totalBytes?: number;
  /** Whether cancelling is possible now; default true. */
  cancellable?: boolean;
}

export interface ProgressOptions {
  /** The element's id prefix (the bar is labelled by the text). */
  id: string;
  /** A class for the island's placement, beside the shared "progress". */
  className: string;
  cancelLabel: string;
  onCancel: () => void;
  /** Read changes out to screen readers (aria-live polite) where nothing else announces the load. */
  announce?: boolean;
}

export interface ProgressView {
  element: HTMLElement;
  cancelButton: HTMLButtonElement;
  /** null hides the display. */
  update(reading: ProgressReading | null): void;
}

/** Floor, so "100%" only appears when the phase is really complete. */
export function formatPercent(fraction: number): string {
  return `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

function bytesText({ loadedBytes, totalBytes }: ProgressReading): string {
  if (loadedBytes === undefined) return '';
  return totalBytes === undefined ? `（${formatBytes(loadedBytes)}）` : `（${formatBytes(loadedBytes)} / ${formatBytes(totalBytes)}）`;
}

export function createProgress(options: ProgressOptions): ProgressView {
  const root = element('div', `progress ${options.className}`);
  root.hidden = true;
  const label = element('p', 'progress-label');
  label.id = `${options.id}-progress-label`;
  if (options.announce) label.setAttribute('aria-live', 'polite');
  const phase = element('span', 'progress-phase');
  const percent = element('span', 'progress-percent');
  const bytes = element('span', 'progress-bytes');
  label.append(phase, percent, bytes);
  const bar = element('progress', 'progress-bar');
  bar.max = 100;
  bar.setAttribute('aria-labelledby', label.id);
  const cancelButton = button(options.cancelLabel);
  cancelButton.addEventListener('click', options.onCancel);
  const row = element('div', 'progress-row');
  row.append(bar, cancelButton);
  root.append(label, row);

  return {
    element: root,
    cancelButton,
    update(reading) {
      setHidden(root, reading === null);
      if (reading === null) return;
      setHidden(cancelButton, reading.cancellable === false);
      if (reading.fraction === null) {
        setText(phase, reading.phase);
        setText(percent, '');
        if (bar.hasAttribute('value')) bar.removeAttribute('value');
      } else {
        setText(phase, `${reading.phase}：`);
        setText(percent, formatPercent(reading.fraction));
        const value = String(Math.floor(Math.min(1, Math.max(0, reading.fraction)) * 100));
        if (bar.getAttribute('value') !== value) bar.value = Number(value);
      }
      setText(bytes, bytesText(reading));
    },
  };
}
