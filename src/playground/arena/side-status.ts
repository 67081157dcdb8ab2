/**
 * The sentence each side's status line reads out (aria-live="polite"). Like the chat island's
 * status line it changes when something happens to that side — loading phase, answer started,
 * answer finished, failure — never per token, so two streaming answers do not flood a screen
 * reader. Every sentence starts with the side's label, because two sides speak in turn.
 */

import { NOTICES, type ChatState } from '../chat/chat-session';
import { PHASE_LABELS } from '../chat/format';
import { lastAnswer, type SideRun } from './arena-session';

export function sideStatusText(label: string, run: SideRun, running: boolean, chat: ChatState): string {
  const say = (text: string) => `${label}：${text}`;
  if (chat.status === 'loading') return say(`正在加载（${PHASE_LABELS[chat.progress?.phase ?? 'other']}）……`);
  if (chat.status === 'generating') return say('正在生成回答……');
  if (running && run === 'queued') return say('等另一个模型回答完再加载。');
  if (run === 'skipped') return say('已停止，这一轮没有回答。');
  if (chat.error !== null) return say(chat.error.message);
  const answer = lastAnswer(chat);
  if (answer !== undefined) {
    if (answer.state === 'error') return say('回答中断。');
    if (answer.state === 'stopped') return say('已停止。');
    if (answer.state === 'length') return say('回答达到最大生成长度，已截断。');
    return say('回答完成。');
  }
  // The chat island's wording speaks of another demo on the page; here the other side needed the room.
  if (chat.notice === NOTICES.released) return say('已卸载，给另一个模型腾出显存。');
  if (chat.notice !== null) return say(chat.notice);
  return say(chat.loadedModelId === null ? '尚未加载。' : '已加载。');
}
