/**
 * One side of the arena: its label (模型 A / 模型 B, with the model's name unless the round is
 * blind), a status line, the chat island's own progress and error panels for this side's
 * session, the answer as safe Markdown, the answer-language verdict and the measured figures.
 *
 * The panel belongs to a family; which column it sits in (A or B) is decided per round.
 */

import { formatRate, formatSeconds } from '../../ui/format';
import { button, element, setDisabled, setHidden, setText } from '../../ui/dom';
import { createErrorPanel, sessionErrorActions } from '../../ui/error-panel';
import { createProgressPanel } from '../../ui/chat-load-progress';
import { modelLabel } from '../../downloads/plan';
import { LazyMarkdownView, preloadFor } from '../../answer/lazy-markdown';
import type { AnswerMetrics } from '../../answer/metrics';
import { lastAnswer, type ArenaSession, type ArenaState } from '../arena-session';
import { sideStatusText } from '../side-status';
import type { ModelFamily } from '../../../lib/model-families';

export type Position = 'A' | 'B';

export interface SidePanel {
  element: HTMLElement;
  stopButton: HTMLButtonElement;
  /** Returns false when Markdown is left to render in a later frame (see MarkdownView). */
  update(state: ArenaState, position: Position, deadline: number): boolean;
}

export interface SidePanelOptions {
  id: string;
  headingLevel: number;
  reloadPage: () => void;
  /** Asks for an update in a later frame (the Markdown renderer has arrived). */
  schedule: () => void;
}

function metricsList(m: AnswerMetrics): HTMLDListElement {
  const list = element('dl', 'chat-metrics arena-metrics');
  const rows: [string, string][] = [
    ['首个 token 用时', formatSeconds(m.timeToFirstTokenSeconds)],
    ['预填充速度', formatRate(m.prefillTokensPerSecond, 'token')],
    ['解码速度', formatRate(m.decodeTokensPerSecond, 'token')],
    ['token 数', `提示 ${m.promptTokens} · 回答 ${m.completionTokens}`],
    ['字数', String(m.characters)],
    ['每秒字数', m.charactersPerSecond === null ? '—' : formatRate(m.charactersPerSecond, '字')],
  ];
  for (const [term, value] of rows) {
    const item = element('div');
    item.append(element('dt', undefined, term), element('dd', undefined, value));
    list.append(item);
  }
  return list;
}

export function createSidePanel(arena: ArenaSession, family: ModelFamily, options: SidePanelOptions): SidePanel {
  const { id } = options;
  const session = arena.sides[family].session;

  const root = element('div', 'arena-side');
  root.setAttribute('role', 'group');
  const title = element(`h${options.headingLevel}` as 'h4', 'arena-side-title');
  title.id = `${id}-title`;
  root.setAttribute('aria-labelledby', title.id);
  const status = element('p', 'arena-side-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const progress = createProgressPanel(session, id);
  // Switching the download source here is the whole site's choice: every side it may cure retries.
  const errorPanel = createErrorPanel({ ...sessionErrorActions(session), retry: () => arena.retryAfterSourceSwitch() }, options.reloadPage);
  const answer = element('div', 'chat-answer chat-markdown arena-answer');
  const language = element('p', 'arena-language');
  const metricsSlot = element('div', 'arena-metrics-slot');
  const stopButton = button('停止', 'button arena-side-stop');
  stopButton.addEventListener('click', () => arena.stop(family));
  root.append(title, status, progress.element, errorPanel.element, answer, language, metricsSlot, stopButton);

  const answerView = new LazyMarkdownView(answer, options.schedule);
  /** The text the answer shows completely; null while a render is unfinished. */
  let shownText: string | null = '';
  let shownMetrics: AnswerMetrics | null = null;

  function update(state: ArenaState, position: Position, deadline: number): boolean {
    const chat = session.getState();
    const label = `模型 ${position}`;
    const result = arena.sideResult(family);
    const entry = arena.findEntry(result.modelId);
    setText(title, state.revealed && entry !== undefined ? `${label}：${modelLabel(entry)}` : label);
    // Both sides failed the same way: the arena's shared panel says it once for both.
    const shared = arena.sharedError !== null;
    setText(status, sideStatusText(label, state.runs[family], state.running, chat, shared));
    // The error panel below says it: the status line is then only read out.
    status.classList.toggle('visually-hidden', chat.error !== null && !shared);
    progress.update(chat);
    errorPanel.update(shared ? null : chat.error);
    // Loading this side again mid-sequence would push the other model out of VRAM.
    errorPanel.setLoadingBlocked(state.running && arena.plan?.mode === 'one-after-another');

    preloadFor(chat.status);
    const turn = lastAnswer(chat);
    if (turn?.state === 'streaming') answer.setAttribute('aria-busy', 'true');
    else answer.removeAttribute('aria-busy');
    if (result.text !== shownText) shownText = answerView.render(result.text, deadline) ? result.text : null;
    setHidden(answer, result.text === '');

    setText(language, result.language?.message ?? '');
    setHidden(language, result.language === null);
    language.dataset.matches = String(result.language?.matches ?? true);
    if (result.metrics !== shownMetrics) {
      shownMetrics = result.metrics;
      metricsSlot.replaceChildren(...(result.metrics === null ? [] : [metricsList(result.metrics)]));
    }

    const run = state.runs[family];
    setText(stopButton, `停止${label}`);
    setDisabled(stopButton, !state.running || (run !== 'queued' && run !== 'active'));
    return shownText !== null;
  }

  return { element: root, stopButton, update };
}
