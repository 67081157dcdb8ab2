/**
 * The conversation. Each turn is rendered only when its snapshot changes — at most once per frame,
 * because the chat view batches updates — and an answer's Markdown only where its text changed
 * (see MarkdownView). The Markdown renderer itself loads once a model starts loading
 * (lazy-markdown.ts).
 */

import { findCatalogueEntry } from '../../catalogue';
import { LazyMarkdownView, preloadFor } from '../../answer/lazy-markdown';
import type { ChatState, ChatTurn } from '../../session/chat-session';
import { formatRate, formatSeconds } from '../../ui/format';
import { splitThinking } from '../../session/thinking';
import { button, element, setHidden, setText } from '../../ui/dom';

const STATE_LABELS: Readonly<Record<ChatTurn['state'], string>> = {
  streaming: '正在生成……',
  done: '',
  stopped: '已停止',
  length: '已达到最大生成长度，回答被截断',
  error: '回答中断（见上方的错误提示）',
};

const COPY_FEEDBACK_MS = 2000;

interface TurnView {
  element: HTMLElement;
  /** Returns false when Markdown is left to render in a later frame (see MarkdownView). */
  update(turn: ChatTurn, deadline: number): boolean;
}

function modelName(modelId: string | null): string {
  const entry = modelId === null ? undefined : findCatalogueEntry(modelId);
  return entry === undefined ? '模型' : `${entry.displayName}（${entry.quantization}）`;
}

function createUserTurn(): TurnView {
  const root = element('div', 'chat-turn');
  root.dataset.role = 'user';
  const who = element('p', 'chat-turn-who', '你');
  const body = element('p', 'chat-user-text');
  root.append(who, body);
  return {
    element: root,
    update(turn) {
      setText(body, turn.content);
      return true;
    },
  };
}

function metricsList(turn: ChatTurn): HTMLDListElement | null {
  const m = turn.metrics;
  if (m === null) return null;
  const list = element('dl', 'chat-metrics');
  const rows: [string, string][] = [
    ['提示 token', String(m.promptTokens)],
    ['回答 token', String(m.completionTokens)],
    ['首个 token 用时', formatSeconds(m.timeToFirstTokenSeconds)],
    ['预填充速度', formatRate(m.prefillTokensPerSecond, 'token')],
    ['解码速度', formatRate(m.decodeTokensPerSecond, 'token')],
    ['输出速度', m.charactersPerSecond === null ? '—' : formatRate(m.charactersPerSecond, '字')],
  ];
  for (const [term, value] of rows) {
    const item = element('div');
    item.append(element('dt', undefined, term), element('dd', undefined, value));
    list.append(item);
  }
  return list;
}

function createAssistantTurn(onRendererReady: () => void): TurnView {
  const root = element('div', 'chat-turn');
  root.dataset.role = 'assistant';
  const who = element('p', 'chat-turn-who');
  const thinking = element('details', 'chat-thinking');
  const thinkingSummary = element('summary', undefined, '思考过程');
  const thinkingBody = element('div', 'chat-markdown');
  thinking.append(thinkingSummary, thinkingBody);
  const answer = element('div', 'chat-answer chat-markdown');
  const stateLine = element('p', 'chat-turn-state');
  const metricsSlot = element('div', 'chat-metrics-slot');
  const copyButton = button('复制回答', 'button chat-copy');
  root.append(who, thinking, answer, stateLine, metricsSlot, copyButton);
  const thinkingView = new LazyMarkdownView(thinkingBody, onRendererReady);
  const answerView = new LazyMarkdownView(answer, onRendererReady);

  let shown: ChatTurn | null = null;
  /** The text each view shows completely; null while a render is unfinished. */
  let shownThinking: string | null = null;
  let shownAnswer: string | null = null;
  let answerText = '';
  let copyTimer: ReturnType<typeof setTimeout> | undefined;

  copyButton.addEventListener('click', () => {
    const text = answerText;
    const done = (label: string) => {
      copyButton.textContent = label;
      clearTimeout(copyTimer);
      copyTimer = setTimeout(() => (copyButton.textContent = '复制回答'), COPY_FEEDBACK_MS);
    };
    // The Clipboard API needs a secure context and, in some browsers, permission.
    navigator.clipboard
      .writeText(text)
      .then(() => done('已复制'))
      .catch(() => done('复制失败，请手动选择文字'));
  });

  return {
    element: root,
    update(turn, deadline) {
      if (turn === shown && shownAnswer !== null && shownThinking !== null) return true;
      const previous = shown;
      shown = turn;
      if (previous?.modelId !== turn.modelId) setText(who, modelName(turn.modelId));
      root.dataset.state = turn.state;
      if (turn.state === 'streaming') root.setAttribute('aria-busy', 'true');
      else root.removeAttribute('aria-busy');

      const split = splitThinking(turn.content);
      setHidden(thinking, split.thinking === null);
      const thinkingText = split.thinking ?? '';
      if (thinkingText !== shownThinking) {
        shownThinking = thinkingView.render(thinkingText, deadline) ? thinkingText : null;
      }
      setText(thinkingSummary, split.thinkingDone ? '思考过程' : '正在思考……');
      answerText = split.answer;
      if (split.answer !== shownAnswer) {
        shownAnswer = answerView.render(split.answer, deadline) ? split.answer : null;
      }
      setText(stateLine, STATE_LABELS[turn.state]);
      setHidden(stateLine, STATE_LABELS[turn.state] === '');
      if (previous?.metrics !== turn.metrics) {
        const list = metricsList(turn);
        metricsSlot.replaceChildren(...(list === null ? [] : [list]));
      }
      setHidden(copyButton, turn.state === 'streaming' || split.answer.trim() === '');
      return shownAnswer !== null && shownThinking !== null;
    },
  };
}

export interface Transcript {
  element: HTMLElement;
  /** Returns false when some Markdown is left for the next frame. */
  update(state: ChatState, deadline: number): boolean;
}

/** `schedule` asks for an update in a later frame (the Markdown renderer has arrived). */
export function createTranscript(schedule: () => void): Transcript {
  // A named group rather than a region landmark: the article holds two chat islands, and two
  // landmarks with one name cannot be told apart. Scrollable, so reachable by keyboard.
  const root = element('div', 'chat-transcript');
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', '对话记录');
  root.tabIndex = 0;
  const empty = element('p', 'chat-empty', '还没有对话。加载模型后，在下面输入问题，或点一个示例提示词。');
  const list = element('div', 'chat-turns');
  root.append(empty, list);

  const views = new Map<number, TurnView>();

  function update(state: ChatState, deadline: number): boolean {
    setHidden(empty, state.turns.length > 0);
    preloadFor(state.status);
    let complete = true;
    // Follow the answer only if the reader has not scrolled up to read something earlier. Measured
    // only when there is a conversation: reading scrollHeight lays out the page there and then, a
    // long pause in the island's start-up on a phone.
    const atBottom = state.turns.length > 0 && root.scrollHeight - root.scrollTop - root.clientHeight < 48;
    const current = new Set<number>();
    for (const turn of state.turns) {
      current.add(turn.id);
      let view = views.get(turn.id);
      if (view === undefined) {
        view = turn.role === 'user' ? createUserTurn() : createAssistantTurn(schedule);
        views.set(turn.id, view);
        list.append(view.element);
      }
      complete = view.update(turn, deadline) && complete;
    }
    for (const [id, view] of views) {
      if (current.has(id)) continue;
      view.element.remove();
      views.delete(id);
    }
    if (atBottom) root.scrollTop = root.scrollHeight;
    return complete;
  }

  return { element: root, update };
}
