/**
 * Sharing a comparison through the site's one share link (share/view/share-link.ts): on the
 * standalone page the address bar itself is the link; inside the article a link opens the
 * standalone page with the text.
 */
import { browserPageUrl, createShareLink, type ShareLink } from '../../share/view/share-link.ts';
import type { ShareState } from '../../share/share-href.ts';
import { SHARED_KEYS } from '../url-state.ts';

export function createShareView(syncUrl: boolean, standaloneHref: string, opening: ShareState): ShareLink {
  return createShareLink({
    syncUrl,
    standaloneHref,
    url: browserPageUrl,
    keys: SHARED_KEYS,
    className: 'tok-share',
    linkText: '在独立页面打开这段对比（可分享链接）',
    addressNote: '',
    textName: '文字',
    opening,
  });
}
