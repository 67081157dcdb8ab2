/**
 * The whole arena, assembled from its parts and kept in step with the session.
 *
 * Two answers may stream at once, each changing the state on every token; the view only marks
 * itself dirty and renders once per animation frame, giving each answer's Markdown a slice of
 * the frame and finishing a large burst over the following frames.
 */

import type { ModelFamily } from '../../../lib/model-families';
import { element, focusIfUsable, focusWasLost, setHidden, setText } from '../../ui/dom';
import { frameRenderer } from '../../ui/frame-renderer';
import { createErrorPanel } from '../../ui/error-panel';
import type { ArenaSession, ArenaState } from '../arena-session';
import { createExportPanel } from './export-panel';
import { createPromptForm } from './prompt-form';
import { createSetupPanel } from './setup-panel';
import { createCapabilityNotice, type NextSteps } from '../../ui/capability-notice';
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
  /** The demos that need no graphics card, offered when this device cannot run the models. */
  nextSteps?: NextSteps;
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
  // ui/island.css gives the parts shared with the chat (fields, progress, errors, Markdown) their look.
  const root = element('div', 'model-island arena-island');
  const intro = element('p', 'chat-intro', arena.backend.intro);
  const capability = createCapabilityNotice(id, options.nextSteps, () => frames.schedule());
  const setup = createSetupPanel(arena, id, capability);
  const form = createPromptForm(arena, id, options.share);
  const notice = element('p', 'chat-notice');
  // Both sides failed the same way: one message and one action for both, above the two columns.
  const sharedError = createErrorPanel(
    {
      run: () => arena.runSharedErrorAction(),
      retry: () => arena.retryBoth(),
      dismiss: () => arena.dismissSharedError(),
    },
    options.reloadPage,
  );
  sharedError.element.classList.add('arena-shared-error');
  const columns = element('div', 'arena-columns');
  const sideOptions = { headingLevel, reloadPage: options.reloadPage, schedule: () => frames.schedule() };
  const sides: Record<ModelFamily, SidePanel> = {
    qwen: createSidePanel(arena, 'qwen', { ...sideOptions, id: `${id}-side-1` }),
    llama: createSidePanel(arena, 'llama', { ...sideOptions, id: `${id}-side-2` }),
  };
  const votes = createVotePanel(arena, id, headingLevel);
  const exportPanel = createExportPanel(arena, id);
  const main = element('div', 'arena-main');
  main.append(form.element, notice, sharedError.element, columns, votes.element, exportPanel.element);
  root.append(intro, setup.element, main);

  /** Returns false when an answer needs another frame to finish. */
  function render(markdownMsPerSide = Infinity): boolean {
    const state = arena.getState();
    const hadFocus = root.contains(document.activeElement);
    setup.update(state);
    // Without WebGPU the island holding the page's notice still shows the round settings, read only.
    const usable = state.capability?.ok === true;
    setHidden(main, !usable && !capability.full);
    form.update(state, !usable);
    for (const part of [columns, votes.element]) setHidden(part, !usable);
    setHidden(notice, state.notice === null);
    setText(notice, state.notice ?? '');

    sharedError.update(arena.sharedError);
    sharedError.setLoadingBlocked(state.running || arena.anySideBusy);

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
   * want next (a vote, the shared error's remedy, the prompt) rather than let it fall back to the
   * start of the page.
   */
  function keepFocus(state: ArenaState): void {
    if (!focusWasLost(root)) return;
    const next = arena.canVote ? votes.firstVoteButton : (sharedError.primaryButton() ?? form.textarea);
    focusIfUsable(state.running ? form.stopAllButton : next);
  }

  const frames = frameRenderer(() => render(MARKDOWN_MS_PER_SIDE), render);
  const unsubscribe = arena.subscribe(frames.schedule);
  render();

  return {
    element: root,
    flush: frames.flush,
    destroy() {
      capability.destroy();
      unsubscribe();
      form.destroy();
      frames.cancel();
    },
  };
}
