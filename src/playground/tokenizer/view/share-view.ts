/**
 * Sharing a comparison. On the standalone page the address bar itself is the link (kept current
 * with history.replaceState); inside the article a link opens the standalone page with the text.
 */
import { URL_TEXT_LIMIT, withSharedState, type ViewMode } from '../url-state.ts';
import { formatInteger } from '../stats.ts';
import { element } from '../../dom.ts';

export interface ShareView {
  element: HTMLElement;
  update(text: string, view: ViewMode): void;
}

export function createShareView(syncUrl: boolean, standaloneHref: string): ShareView {
  const box = element('p', 'tok-share');
  const link = element('a', 'tok-share-link', '在独立页面打开这段对比（可分享链接）');
  const note = element('span', 'tok-share-note');
  if (!syncUrl) box.append(link, ' ');
  box.append(note);
  let timer: ReturnType<typeof setTimeout> | undefined;

  return {
    element: box,
    update(text, view) {
      const base = syncUrl ? location.href : new URL(standaloneHref, location.href).href;
      const { href, textIncluded } = withSharedState(base, { text, view });
      note.textContent = textIncluded ? '' : `文字超过 ${formatInteger(URL_TEXT_LIMIT)} 个字符，链接里不包含文字。`;
      if (!syncUrl) {
        link.href = href;
        return;
      }
      // Browsers throttle replaceState when it is called on every keystroke.
      clearTimeout(timer);
      timer = setTimeout(() => history.replaceState(history.state, '', href), 250);
    },
  };
}
