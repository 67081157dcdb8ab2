/**
 * The blind vote for the round, the reveal, and the reader's vote history as a tally per model
 * pair. Clearing the history asks for confirmation in place (a second button) rather than with
 * window.confirm, which blocks the page and reads poorly on phones.
 */

import { button, element, setDisabled, setHidden, setText } from '../../ui/dom';
import { modelLabel } from '../../downloads/plan';
import type { ArenaSession, ArenaState } from '../arena-session';
import { tallyByPair, type Verdict, type Vote } from '../votes';

export interface VotePanel {
  element: HTMLElement;
  firstVoteButton: HTMLButtonElement;
  clearButton: HTMLButtonElement;
  update(state: ArenaState): void;
}

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  'a-better': 'A 更好',
  'b-better': 'B 更好',
  tie: '平局',
  'both-bad': '都不好',
};

function nameOf(arena: ArenaSession, modelId: string): string {
  const entry = arena.findEntry(modelId);
  return entry === undefined ? modelId : modelLabel(entry);
}

export function createVotePanel(arena: ArenaSession, id: string, headingLevel: number): VotePanel {
  const root = element('div', 'arena-votes');

  const voting = element('div', 'arena-vote');
  voting.setAttribute('role', 'group');
  const question = element('p', 'arena-vote-question', '盲测投票：哪个回答更好？投票后揭晓两边的模型。');
  question.id = `${id}-vote-question`;
  voting.setAttribute('aria-labelledby', question.id);
  const buttons = element('div', 'chat-composer-actions');
  const voteButtons = (Object.keys(VERDICT_LABELS) as Verdict[]).map((verdict) => {
    const voteButton = button(VERDICT_LABELS[verdict]);
    voteButton.dataset.verdict = verdict;
    voteButton.addEventListener('click', () => arena.vote(verdict));
    return voteButton;
  });
  buttons.append(...voteButtons);
  const outcome = element('p', 'arena-vote-outcome');
  outcome.setAttribute('role', 'status');
  voting.append(question, buttons, outcome);

  const history = element('div', 'arena-history');
  const title = element(`h${headingLevel}` as 'h4', 'arena-history-title', '投票记录');
  title.id = `${id}-history-title`;
  const note = element('p', 'chat-field-hint', '只保存在这个浏览器里，不会上传。每一票按模型组合计入，与它当时在 A 还是 B 无关。');
  const empty = element('p', 'arena-history-empty', '还没有投票记录。开启盲测，每轮投票后会记在这里。');
  const scroller = element('div', 'arena-table-scroll');
  // Keyboard users must be able to scroll a table wider than a phone.
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-labelledby', title.id);
  const table = element('table', 'arena-tally');
  const head = element('thead');
  const headRow = element('tr');
  for (const heading of ['模型组合', 'Qwen 胜', 'Llama 胜', '平局', '都不好', '合计']) {
    const cell = element('th', undefined, heading);
    cell.scope = 'col';
    headRow.append(cell);
  }
  head.append(headRow);
  const body = element('tbody');
  table.append(head, body);
  scroller.append(table);

  const actions = element('div', 'chat-composer-actions');
  const clearButton = button('清除历史');
  const confirmButton = button('确认清除全部投票记录', 'button arena-danger');
  const cancelButton = button('取消');
  actions.append(clearButton, confirmButton, cancelButton);
  history.append(title, note, empty, scroller, actions);
  root.append(voting, history);

  let shownVotes: readonly Vote[] | null = null;

  const setConfirming = (confirming: boolean, focus: HTMLElement) => {
    setHidden(clearButton, confirming);
    setHidden(confirmButton, !confirming);
    setHidden(cancelButton, !confirming);
    focus.focus();
  };
  // After clearing, 清除历史 is disabled; the heading keeps the reader's place instead.
  title.tabIndex = -1;
  clearButton.addEventListener('click', () => setConfirming(true, cancelButton));
  cancelButton.addEventListener('click', () => setConfirming(false, clearButton));
  confirmButton.addEventListener('click', () => {
    arena.clearHistory();
    setConfirming(false, title);
  });
  setHidden(confirmButton, true);
  setHidden(cancelButton, true);

  function renderTally(votes: readonly Vote[]): void {
    body.replaceChildren(
      ...tallyByPair(votes).map((tally) => {
        const row = element('tr');
        const pair = element('th', undefined, `${nameOf(arena, tally.qwen)} 对 ${nameOf(arena, tally.llama)}`);
        pair.scope = 'row';
        row.append(pair);
        for (const count of [tally.qwenWins, tally.llamaWins, tally.ties, tally.bothBad, tally.total]) {
          row.append(element('td', undefined, String(count)));
        }
        return row;
      }),
    );
  }

  function outcomeText(state: ArenaState): string {
    if (state.vote === null) return '';
    const [a, b] = arena.columns.map((family) => nameOf(arena, arena.sideResult(family).modelId));
    const unsaved = state.voteStored ? '' : '浏览器没有保存这一票（可能关闭了网站存储），它只在本页有效。';
    return `你的选择：${VERDICT_LABELS[state.vote]}。揭晓：模型 A 是 ${a}，模型 B 是 ${b}。${unsaved}`;
  }

  function update(state: ArenaState): void {
    setHidden(voting, !arena.canVote && state.vote === null);
    for (const voteButton of voteButtons) setDisabled(voteButton, !arena.canVote);
    setText(outcome, outcomeText(state));

    if (state.votes !== shownVotes) {
      shownVotes = state.votes;
      renderTally(state.votes);
    }
    const none = state.votes.length === 0;
    setHidden(empty, !none);
    setHidden(scroller, none);
    setDisabled(clearButton, none);
  }

  return { element: root, firstVoteButton: voteButtons[0]!, clearButton, update };
}
