/**
 * The "load the tokenizers" block: size up front, progress with a cancel button while
 * downloading, error with retry.
 */
import type { LoadProgress } from '../client.ts';
import type { LoadErrorText } from '../tokenizer-session.ts';
import { formatBytes } from '../../ui/bytes.ts';
import { createProgress } from '../../ui/progress.ts';
import { element, uniqueId } from '../../ui/dom.ts';

export interface DownloadSizes {
  qwenBytes: number;
  llamaBytes: number;
  /** What a gzip-serving host sends for both files together. */
  gzipBytes: number;
}

export interface LoaderView {
  element: HTMLElement;
  showProgress(progress: LoadProgress): void;
  showError(error: LoadErrorText): void;
  showReady(): void;
}

export function loadButtonLabel(totalBytes: number): string {
  return `加载分词器（约 ${formatBytes(totalBytes)}）`;
}

export function createLoaderView(sizes: DownloadSizes, onLoad: () => void, onCancel: () => void): LoaderView {
  const total = sizes.qwenBytes + sizes.llamaBytes;
  const box = element('div', 'tok-loader');
  const button = element('button', 'button button-primary tok-load-button', loadButtonLabel(total));
  button.type = 'button';
  button.addEventListener('click', onLoad);
  const note = element(
    'p',
    'tok-note',
    `需要下载两个分词器文件：Qwen ${formatBytes(sizes.qwenBytes)}，Llama 3 ${formatBytes(sizes.llamaBytes)}` +
      `（服务器压缩传输时共约 ${formatBytes(sizes.gzipBytes)}）。只在你点击按钮或开始输入后才下载，之后由浏览器缓存；分词在你的设备上进行，文字不会上传。`,
  );
  const progress = createProgress({ id: uniqueId('tok'), className: 'tok-progress', cancelLabel: '取消下载', onCancel, announce: true });
  const status = element('p', 'tok-status');
  status.setAttribute('role', 'status');
  status.tabIndex = -1;
  const error = element('div', 'tok-error');
  error.setAttribute('role', 'alert');
  error.hidden = true;
  const errorText = element('p', 'tok-error-text');
  const retry = element('button', 'button tok-retry', '重试');
  retry.type = 'button';
  retry.addEventListener('click', onLoad);
  const details = element('details', 'tok-error-details');
  const detailsText = element('p');
  details.append(element('summary', undefined, '技术细节'), detailsText);
  error.append(errorText, retry, details);
  box.append(button, note, progress.element, status, error);

  return {
    element: box,
    showProgress({ phase, receivedBytes, totalBytes }) {
      // Hiding the focused button would drop focus to <body>; keep it in the island.
      const hadFocus = document.activeElement === button || document.activeElement === retry;
      button.hidden = true;
      error.hidden = true;
      status.textContent = '';
      progress.update(
        phase === 'parse'
          ? { phase: '下载完成，正在解析分词器…', fraction: null, cancellable: false }
          : { phase: '下载分词器', fraction: totalBytes ? receivedBytes / totalBytes : 1, loadedBytes: receivedBytes, totalBytes },
      );
      if (hadFocus) (progress.cancelButton.hidden ? status : progress.cancelButton).focus();
    },
    showError({ message, details: raw }) {
      button.hidden = true;
      progress.update(null);
      status.textContent = '';
      errorText.textContent = message;
      detailsText.textContent = raw;
      details.hidden = raw === '';
      details.open = false;
      error.hidden = false;
      // Take focus only from the (now hidden) load button, never from the reader's typing.
      const active = document.activeElement;
      if (!active || active === document.body || box.contains(active)) retry.focus();
    },
    showReady() {
      button.hidden = true;
      progress.update(null);
      error.hidden = true;
      status.textContent = '分词器已加载。修改文字，结果会随之更新。';
    },
  };
}
