/**
 * The whole arena, assembled from its parts and kept in step with the session.
 *
 * Two answers may stream at once, each changing the state on every token; the view only marks
 * itself dirty and renders once per animation frame, giving each answer's Markdown a slice of
 * the frame and finishing a large burst over the following frames.
 */

import { element, focusIfUsable, focusWasLost, setHidden, setText } from '../../dom';
import { frameRenderer } from '../../frame-renderer';
import type { ArenaSession, ArenaState } from '../arena-session';
import { createExportPanel } from './export-panel';
import { createPromptForm } from './prompt-form';
import { createSetupPanel } from './setup-panel';
import type { ShareOptions } from './share-link';
import { createSidePanel, type SidePanel } from './side-panel';
import { createVotePanel } from './vote-panel';

export interface ArenaViewOptions {
  /** Unique per island on the page; prefixes element ids. */
  id: string;
  /** Level of the island's own headings, to fit the outline of the page around it. */
  headingLevel: number;
  reloadPage: () => void;
  share: ShareOptions;
}

export interface ArenaView {
  element: HTMLElement;
  /** Renders now instead of at the next frame. */
  flush(): void;
  destroy(): void;
}

/** Markdown work per side and frame; the rest waits for the next frame. */
const MARKDOWN_MS_PER_SIDE = 6;

export function createArenaView(arena: ArenaSession, options: ArenaViewOptions): ArenaView {
  const { id, headingLevel } = options;
  // The chat island's stylesheet gives the shared parts (fields, progress, errors, Markdown) their look.
  const root = element('div', 'chat-island arena-island');
  const intro = element('p', 'chat-intro', arena.backend.intro);
  const setup = createSetupPanel(arena, id);
  const form = createPromptForm(arena, id, options.share);
  const notice = element('p', 'chat-notice');
  const columns = element('div', 'arena-columns');
  const sides: Record<'qwen' | 'llama', SidePanel> = {
    qwen: createSidePanel(arena, 'qwen', { id: `${id}-side-1`, headingLevel, reloadPage: options.reloadPage }),
    llama: createSidePanel(arena, 'llama', { id: `${id}-side-2`, headingLevel, reloadPage: options.reloadPage }),
  };
  const votes = createVotePanel(arena, id, headingLevel);
  const exportPanel = createExportPanel(arena, id);
  const main = element('div', 'arena-main');
  main.append(form.element, notice, columns, votes.element, exportPanel.element);
  root.append(intro, setup.element, main);

  /** Returns false when an answer needs another frame to finish. */
  function render(markdownMsPerSide = Infinity): boolean {
    const state = arena.getState();
    const hadFocus = root.contains(document.activeElement);
    setup.update(state);
    setHidden(main, state.capability?.ok !== true);
    form.update(state);
    setHidden(notice, state.notice === null);
    setText(notice, state.notice ?? '');

    const [a, b] = arena.columns;
    if (columns.firstElementChild !== sides[a].element) columns.append(sides[a].element, sides[b].element);
    const completeA = sides[a].update(state, 'A', performance.now() + markdownMsPerSide);
    const completeB = sides[b].update(state, 'B', performance.now() + markdownMsPerSide);
    votes.update(state);
    exportPanel.update(state);
    if (hadFocus) keepFocus(state);
    return completeA && completeB;
  }

  /**
   * The focused control may just have been disabled or hidden (开始对比 once the round runs, a
   * side's 停止 once it finished, a vote button after voting); move focus to what the reader will
   * want next rather than let it fall back to the start of the page.
   */
  function keepFocus(state: ArenaState): void {
    if (!focusWasLost(root)) return;
    focusIfUsable(state.running ? form.stopAllButton : arena.canVote ? votes.firstVoteButton : form.textarea);
  }

  const frames = frameRenderer(() => render(MARKDOWN_MS_PER_SIDE), render);
  const unsubscribe = arena.subscribe(frames.schedule);
  render();

  return {
    element: root,
    flush: frames.flush,
    destroy() {
      unsubscribe();
      form.destroy();
      frames.cancel();
    },
  };
}
