/**
 * Sharing the prompt and settings (never the answers), through the site's one share link
 * (share/view/share-link.ts).
 */

import type { ShareState } from '../../share/share-href';
import { createShareLink as createLink, type PageUrl, type ShareLink } from '../../share/view/share-link';
import { SHARED_ROUND_KEYS } from '../share-url';

export interface ShareOptions {
  /** True on the arena page: the address bar is the link. */
  syncUrl: boolean;
  /** The arena page, for the link shown elsewhere. */
  arenaHref: string;
  url: PageUrl;
  /** The round the page opened with (shareStateOf), not written back until the reader edits. */
  opening: ShareState;
}

export function createShareLink(options: ShareOptions): ShareLink {
  return createLink({
    syncUrl: options.syncUrl,
    standaloneHref: options.arenaHref,
    url: options.url,
    keys: SHARED_ROUND_KEYS,
    className: 'arena-share',
    linkText: '在独立页面打开这组提示词和设置（可分享的链接，不含回答）',
    addressNote: '地址栏里的链接带着当前的提示词和设置（不含回答），可以直接分享。',
    textName: '提示词',
    opening: options.opening,
  });
}
