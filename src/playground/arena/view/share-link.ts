/**
 * Sharing the prompt and settings (never the answers). On the arena page the address bar itself
 * is the link, kept current with history.replaceState; in the article, whose address every demo
 * shares, a link opens the arena page with the form filled in.
 */

import { element, setText } from '../../dom';
import { encodeSharedRound, MAX_SHARED_PROMPT_LENGTH, type SharedRound } from '../share-url';

/** The page address, behind a seam so tests need not rewrite the test runner's own URL. */
export interface PageUrl {
  current(): string;
  replace(href: string): void;
}

export interface ShareOptions {
  /** True on the arena page: the address bar is the link. */
  syncUrl: boolean;
  /** The arena page, for the link shown elsewhere. */
  arenaHref: string;
  url: PageUrl;
}

export interface ShareLink {
  element: HTMLElement;
  update(shared: SharedRound): void;
  destroy(): void;
}

/** Browsers throttle replaceState when it is called on every keystroke. */
const REPLACE_DELAY_MS = 250;

export function sharedHref(base: string, shared: SharedRound): string {
  const url = new URL(base);
  url.search = shared.prompt.trim() === '' ? '' : encodeSharedRound(shared).toString();
  return url.href;
}

export function createShareLink(options: ShareOptions): ShareLink {
  const root = element('p', 'arena-share');
  const link = element('a', 'arena-share-link', '在独立页面打开这组提示词和设置（可分享的链接，不含回答）');
  const note = element('span', 'chat-field-hint');
  if (options.syncUrl) {
    root.append(note);
  } else {
    root.append(link, ' ', note);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shownHref = '';

  return {
    element: root,
    update(shared) {
      const tooLong = shared.prompt.length > MAX_SHARED_PROMPT_LENGTH;
      const base = options.syncUrl ? options.url.current() : new URL(options.arenaHref, options.url.current()).href;
      const href = sharedHref(base, shared);
      setText(
        note,
        (options.syncUrl ? '地址栏里的链接带着当前的提示词和设置（不含回答），可以直接分享。' : '') +
          (tooLong ? `提示词超过 ${MAX_SHARED_PROMPT_LENGTH} 个字符，链接里只保留前 ${MAX_SHARED_PROMPT_LENGTH} 个字符。` : ''),
      );
      if (href === shownHref) return;
      shownHref = href;
      if (!options.syncUrl) {
        link.href = href;
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => options.url.replace(href), REPLACE_DELAY_MS);
    },
    destroy() {
      clearTimeout(timer);
    },
  };
}
