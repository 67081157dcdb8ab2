/**
 * The answer renderer, loaded when an answer may come rather than with the island. marked builds
 * its regular expressions when its module is evaluated (17–47 ms on a desktop, four times that on a
 * slow phone): a long task in the island's start-up, before the reader has asked for anything.
 *
 * Views pass their session's status to preloadFor(), which starts loading the renderer as soon as
 * a model starts loading — seconds before its first answer. Should text still arrive first, it is shown as plain text (textContent, never HTML)
 * until the renderer is there, and then rendered as Markdown.
 */

import type { ChatStatus } from '../session/chat-session';
import type { MarkdownView } from './markdown';
import { plainText } from './plain-text';

type MarkdownModule = typeof import('./markdown');

let loading: Promise<MarkdownModule> | null = null;
let loaded: MarkdownModule | null = null;

/** Starts loading the renderer (once); resolves when it is there. */
function preloadMarkdown(): Promise<MarkdownModule> {
  loading ??= import('./markdown').then((module) => (loaded = module));
  return loading;
}

/** Starts loading the renderer once a model is loading or loaded: answers may come. */
export function preloadFor(status: ChatStatus): void {
  if (status === 'loading' || status === 'ready' || status === 'generating') void preloadMarkdown();
}

/** MarkdownView's contract, with the renderer loaded on first use; `onReady` asks for a render once it is. */
export class LazyMarkdownView {
  private view: MarkdownView | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly onReady: () => void,
  ) {}

  /** As MarkdownView.render; returns false while the text is shown plain, waiting for the renderer. */
  render(markdown: string, deadline = Infinity): boolean {
    if (this.view === null && loaded !== null) {
      this.container.replaceChildren();
      this.view = new loaded.MarkdownView(this.container);
    }
    if (this.view !== null) return this.view.render(markdown, deadline);
    this.container.replaceChildren(plainText(markdown));
    if (markdown === '') return true;
    void preloadMarkdown().then(this.onReady);
    return false;
  }
}
