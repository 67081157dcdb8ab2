/**
 * The one sentence the status line reads out (aria-live="polite"). It changes when something
 * happens — loading starts or changes phase, an answer starts or ends, an error — never per token
 * or per percent, so a screen reader is not flooded.
 */

import { findCatalogueEntry } from '../catalogue';
import type { ChatState } from '../session/chat-session';
import { PHASE_LABELS } from '../ui/format';

export function statusText(state: ChatState): string {
  const name = (id: string | null) => {
    const entry = id === null ? undefined : findCatalogueEntry(id);
    return entry === undefined ? '模型' : `${entry.displayName}（${entry.quantization}）`;
  };
  switch (state.status) {
    case 'checking':
      return '正在检查你的浏览器能否在本机运行模型……';
    case 'unsupported':
      return state.capability?.message ?? '你的浏览器无法运行这些模型。';
    case 'idle':
      return state.notice ?? '选好模型后点击“加载”。模型文件会下载到你的浏览器里，之后从缓存读取。';
    case 'loading':
      return `正在加载 ${name(state.loadingModelId)}：${PHASE_LABELS[state.progress?.phase ?? 'other']}……`;
    case 'generating':
      return '正在生成回答……';
    case 'error':
      return state.error?.message ?? '出错了。';
    case 'ready': {
      if (state.notice !== null) return state.notice;
      const last = state.turns.at(-1);
      if (last?.role === 'assistant') {
        if (last.state === 'stopped') return '已停止。';
        if (last.state === 'length') return '回答达到长度上限，已截断。';
        return '回答完成。';
      }
      return `${name(state.loadedModelId)} 已加载，可以开始对话。`;
    }
  }
}
