/**
 * The finished round as a file or on the clipboard, in Markdown (to read) or JSON (for tools),
 * with what it takes to reproduce it: web-llm's version and the GPU the browser reported, or on the
 * CPU path what its backend names (wllama's version, the GGUF files, the thread mode).
 * Offered only once the models are known — in a blind round, after the vote.
 */

// A JSON import: Vite keeps only the one field, not web-llm itself.
import { version as webLlmVersion } from '@mlc-ai/web-llm/package.json';
import { button, element, setHidden, setText } from '../../ui/dom';
import type { ArenaSession, ArenaState } from '../arena-session';
import { roundToJson, roundToMarkdown, type ArenaRound, type ExportEnvironment } from '../round-export';

export interface ExportPanel {
  element: HTMLElement;
  update(state: ArenaState): void;
}

interface Format {
  name: string;
  extension: string;
  type: string;
  write(round: ArenaRound, environment: ExportEnvironment): string;
}

const FORMATS: readonly Format[] = [
  { name: 'Markdown', extension: 'md', type: 'text/markdown;charset=utf-8', write: roundToMarkdown },
  { name: 'JSON', extension: 'json', type: 'application/json;charset=utf-8', write: roundToJson },
];

/** Long enough for the browser to start the download before the URL goes away. */
const REVOKE_AFTER_MS = 10_000;

export function createExportPanel(arena: ArenaSession, id: string): ExportPanel {
  const root = element('div', 'arena-export');
  root.setAttribute('role', 'group');
  const engineParts = arena.backend.exportEnvironment === undefined ? 'web-llm 版本和显卡' : 'wllama 版本、模型文件和线程数';
  const label = element('p', 'arena-export-label', `导出这一轮（提示词、设置、两边的回答、测量数字、模型 id、${engineParts}）：`);
  label.id = `${id}-export-label`;
  root.setAttribute('aria-labelledby', label.id);
  const actions = element('div', 'chat-composer-actions');
  const status = element('p', 'chat-field-hint');
  status.setAttribute('role', 'status');
  root.append(label, actions, status);

  const render = (format: Format): { text: string; filename: string } | null => {
    const round = arena.result();
    if (round === null) return null;
    const environment: ExportEnvironment = arena.backend.exportEnvironment?.(round) ?? {
      webLlmVersion,
      gpuAdapter: arena.getState().gpuAdapter,
    };
    const stamp = round.startedAt.replace(/[:.]/g, '-');
    return { text: format.write(round, environment), filename: `qwen-llama-arena-${stamp}.${format.extension}` };
  };

  for (const format of FORMATS) {
    const download = button(`下载 ${format.name}`);
    download.addEventListener('click', () => {
      const file = render(format);
      if (file === null) return;
      const url = URL.createObjectURL(new Blob([file.text], { type: format.type }));
      const link = element('a');
      link.href = url;
      link.download = file.filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
      setText(status, `已开始下载 ${file.filename}。`);
    });
    const copy = button(`复制 ${format.name}`);
    copy.addEventListener('click', () => {
      const file = render(format);
      if (file === null) return;
      // The Clipboard API needs a secure context (navigator.clipboard is missing otherwise) and,
      // in some browsers, permission.
      (navigator.clipboard?.writeText(file.text) ?? Promise.reject(new Error('no clipboard'))).then(
        () => setText(status, `已复制 ${format.name}。`),
        () => setText(status, '复制失败：浏览器不允许访问剪贴板，请改用下载。'),
      );
    });
    actions.append(download, copy);
  }

  function update(state: ArenaState): void {
    setHidden(root, state.round === null || state.running || !state.revealed);
  }

  return { element: root, update };
}
