/**
 * The sentence each side's status line reads out (aria-live="polite"). Like the chat island's
 * status line it changes when something happens to that side — loading phase, answer started,
 * answer finished, failure — never per token, so two streaming answers do not flood a screen
 * reader. Every sentence starts with the side's label, because two sides speak in turn.
 *
 * A side's failure is said once on screen: its own error panel shows the message (and this line is
 * then only read out), or, when both sides failed the same way, the arena's shared panel does and
 * this line points there.
 */

import { NOTICES, type ChatState } from '../session/chat-session';
import { PHASE_LABELS } from '../ui/format';
import { lastAnswer, type SideRun } from './arena-session';

export function sideStatusText(label: string, run: SideRun, running: boolean, chat: ChatState, sharedError = false): string {
  const say = (text: string) => `${label}：${text}`;
  if (chat.status === 'loading') return say(`正在加载（${PHASE_LABELS[chat.progress?.phase ?? 'other']}）……`);
  if (chat.status === 'generating') return say('正在生成回答……');
  if (running && run === 'queued') return say('等另一个模型回答完再加载。');
  if (run === 'skipped') return say('已停止，这一轮没有回答。');
  if (chat.error !== null) {
    if (!sharedError) return say(chat.error.message);
    return say(chat.error.during === 'load' ? '没有加载成功，原因和办法见上方。' : '没有回答成功，原因和办法见上方。');
  }
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
