/**
 * Sharing what the reader typed, one way for every demo. On a demo's own page the address bar is
 * the link, kept current with history.replaceState; inside the article, whose address every demo
 * shares, a link opens the demo's page with the same state.
 *
 * Nothing is written before the reader changes something: a page opened plainly keeps its plain
 * address (the tokenizer's ~900-character default text would otherwise fill it at once, too long
 * to share), and a page opened from a shared link keeps that link.
 */

import { element, setText } from '../../ui/dom';
import { MAX_SHARE_QUERY_BYTES, sameShareState, shareHref, type ShareState } from '../share-href';

/** The page address, behind a seam so tests need not rewrite the test runner's own URL. */
export interface PageUrl {
  current(): string;
  replace(href: string): void;
}

export const browserPageUrl: PageUrl = {
  current: () => location.href,
  replace: (href) => history.replaceState(history.state, '', href),
};

export interface ShareLinkOptions {
  /** True on the demo's own page: the address bar is the link. */
  syncUrl: boolean;
  /** The demo's own page, for the link shown elsewhere. */
  standaloneHref: string;
  url: PageUrl;
  /** The query parameters this link owns. */
  keys: readonly string[];
  className: string;
  linkText: string;
  /** Said on the demo's own page, where there is no link to click. */
  addressNote: string;
  /** What did not fit, e.g. "提示词". */
  textName: string;
  /** The state the page opened with (from its address, or the defaults): not written back. */
  opening: ShareState;
}

export interface ShareLink {
  element: HTMLElement;
  update(state: ShareState): void;
  destroy(): void;
}

/** Browsers throttle replaceState when it is called on every keystroke. */
const REPLACE_DELAY_MS = 250;

const EMPTY: ShareState = { settings: {}, text: {} };

export function createShareLink(options: ShareLinkOptions): ShareLink {
  const root = element('p', options.className);
  const link = element('a', `${options.className}-link`, options.linkText);
  const note = element('span', `${options.className}-note`);
  if (!options.syncUrl) root.append(link, ' ');
  root.append(note);
  /** The reader has changed something since the page opened; from then on the link follows. */
  let touched = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shownHref = '';

  return {
    element: root,
    update(state) {
      touched ||= !sameShareState(state, options.opening);
      const base = options.syncUrl ? options.url.current() : new URL(options.standaloneHref, options.url.current()).href;
      const target = shareHref(base, options.keys, touched ? state : EMPTY);
      setText(
        note,
        (options.syncUrl ? options.addressNote : '') +
          (target.complete
            ? ''
            : `${options.textName}太长，放不进链接（链接最多约 ${MAX_SHARE_QUERY_BYTES} 字节，一个汉字就占 9 字节），链接里不含${options.textName}。`),
      );
      if (!options.syncUrl) {
        link.href = target.href;
        return;
      }
      if (!touched || target.href === shownHref) return;
      shownHref = target.href;
      clearTimeout(timer);
      timer = setTimeout(() => options.url.replace(target.href), REPLACE_DELAY_MS);
    },
    destroy() {
      clearTimeout(timer);
    },
  };
}
