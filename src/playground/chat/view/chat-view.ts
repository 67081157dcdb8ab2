/**
 * The whole chat island, assembled from its parts and kept in step with the session.
 *
 * The session may change thousands of times a second while an answer streams; the view only marks
 * itself dirty and renders once per animation frame. If a render gets expensive (a very long
 * answer), frames are skipped so rendering never takes more than about a fifth of the main thread
 * — tokens keep arriving and nothing is lost, the text just updates a little less often. Markdown
 * gets a fixed slice of each frame; a large burst is finished over the following frames.
 */

import type { ChatSession, ChatState } from '../../session/chat-session';
import { statusText } from '../status-text';
import { createComposer } from './composer';
import { element, focusIfUsable, focusWasLost, setHidden, setText } from '../../ui/dom';
import { createCapabilityNotice, type NextSteps } from '../../ui/capability-notice';
import { frameRenderer } from '../../ui/frame-renderer';
import { createErrorPanel, sessionErrorActions } from '../../ui/error-panel';
import { createProgressPanel } from '../../ui/chat-load-progress';
import { createSettingsPanel } from './settings-panel';
import { createSetupPanel } from './setup-panel';
import { createTranscript } from './transcript';
import { downloadHosts, type ModelSource } from '../../sources/model-source';
import { currentModelSource, onModelSourceChange } from '../../sources/source-store';

export interface ChatViewOptions {
  /** Unique per island on the page; prefixes element ids. */
  id: string;
  reloadPage: () => void;
  /** Replaces the opening sentence (the CPU path runs on no graphics card). */
  intro?: string;
  /** The demos that need no graphics card, offered when this device cannot run the models. */
  nextSteps?: NextSteps;
}

export interface ChatView {
  element: HTMLElement;
  /** Renders now instead of at the next frame. */
  flush(): void;
  destroy(): void;
}

/** Rendering may use at most 1 / RENDER_BUDGET_RATIO of the time between renders. */
const RENDER_BUDGET_RATIO = 5;
/** Markdown work per frame; the rest waits for the next frame (a burst of text, a long answer). */
const MARKDOWN_MS_PER_FRAME = 12;

export function createChatView(session: ChatSession, options: ChatViewOptions): ChatView {
  const { id } = options;
  const root = element('div', 'model-island');

  // The source this browser will download from: the reader's choice, else the site's PUBLIC_MODEL_SOURCE.
  const sourceIntro = (source: ModelSource) =>
    `模型在你的浏览器里、用你自己的显卡运行：提示词和回答都不会发送到任何服务器。只有模型文件需要下载一次（来自 ${downloadHosts(source)}），之后保存在浏览器缓存里。`;
  const intro = element('p', 'chat-intro', options.intro ?? sourceIntro(currentModelSource()));
  // The error panel, another tab or the models page may switch the source while the island is open.
  const stopFollowingSource =
    options.intro === undefined ? onModelSourceChange((source) => setText(intro, sourceIntro(source))) : () => undefined;
  // Visually hidden: every message it speaks is also shown where it belongs (panel, answer label).
  const status = element('p', 'visually-hidden chat-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');

  const notice = createCapabilityNotice(id, options.nextSteps, () => frames.schedule());
  const setup = createSetupPanel(session, id, notice);
  const progress = createProgressPanel(session, id);
  const errorPanel = createErrorPanel(sessionErrorActions(session), options.reloadPage);
  const settings = createSettingsPanel(session, id);
  const transcript = createTranscript(() => frames.schedule());
  const composer = createComposer(session, id);
  const conversation = element('div', 'chat-conversation');
  conversation.append(settings.element, transcript.element, composer.element);
  root.append(intro, status, setup.element, progress.element, errorPanel.element, conversation);

  let earliestNextRender = 0;
  let lastStatus: ChatState['status'] | null = null;

  /** Returns false when the transcript needs another frame to finish. */
  function render(deadline = Infinity): boolean {
    const state = session.getState();
    const hadFocus = root.contains(document.activeElement);
    setText(status, statusText(state));
    setup.update(state);
    progress.update(state);
    errorPanel.update(state.error);
    // Without WebGPU the island that holds the page's notice still shows the settings, read only.
    const usable = state.capability?.ok === true;
    settings.update(state, !usable);
    composer.update(state);
    // Last: the answer's Markdown is the one part that model output controls.
    const complete = transcript.update(state, deadline);
    setHidden(conversation, !usable && !notice.full);
    setHidden(transcript.element, !usable);
    setHidden(composer.element, !usable);
    if (state.status !== lastStatus) {
      lastStatus = state.status;
      if (hadFocus) keepFocus(state);
    }
    return complete;
  }

  /**
   * The focused control may just have been disabled or hidden (加载 while loading, 停止 after the
   * answer, 取消加载 when loading ends); move focus to what the reader will want next rather than
   * let it fall back to the page's start.
   */
  function keepFocus(state: ChatState): void {
    if (!focusWasLost(root)) return;
    const target =
      state.status === 'loading'
        ? progress.cancelButton
        : state.status === 'error'
          ? (errorPanel.primaryButton() ?? composer.textarea)
          : state.status === 'ready' || state.status === 'generating'
            ? composer.textarea
            : setup.loadButton;
    focusIfUsable(target);
  }

  const frames = frameRenderer((time) => {
    if (time < earliestNextRender) return false;
    const started = performance.now();
    const complete = render(started + MARKDOWN_MS_PER_FRAME);
    earliestNextRender = started + (performance.now() - started) * RENDER_BUDGET_RATIO;
    return complete;
  }, render);

  const unsubscribe = session.subscribe(frames.schedule);
  render();

  return {
    element: root,
    flush: frames.flush,
    destroy() {
      notice.destroy();
      unsubscribe();
      stopFollowingSource();
      frames.cancel();
    },
  };
}
