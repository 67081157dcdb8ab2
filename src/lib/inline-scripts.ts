import { createHash } from 'node:crypto';
import { storageKey } from './storage-key';

/**
 * The site's inline scripts: the few that must run while the page is parsed, before first paint.
 * Astro hashes only the scripts it bundles, so BaseLayout adds the hashes of these to every page's
 * Content-Security-Policy. It has to be there: the policy is written with the head, before any
 * component further down the page runs.
 */
export const inlineScripts = {
  /**
   * A remembered theme, applied before first paint so a dark theme never flashes light. The key
   * carries the base path (storage-key.ts); a choice under the old unprefixed key moves over.
   */
  theme:
    `try{const s=localStorage,k=${JSON.stringify(storageKey('theme'))};let t=s.getItem(k);` +
    "if(t===null&&k!=='theme'&&(t=s.getItem('theme'))!==null){s.setItem(k,t);s.removeItem('theme')}" +
    "if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch{}",
  /**
   * Folds the table of contents (the `<details>` just before the script) on narrow screens, where
   * the open list would push the article a screen down. Folding it later, from a bundled script,
   * moved the whole article up on phones after it was drawn (a layout shift of 0.7).
   */
  foldTableOfContents:
    "matchMedia('(min-width: 72rem)').matches||(document.currentScript.previousElementSibling.open=false)",
} as const;

export function inlineScriptHash(code: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(code).digest('base64')}`;
}
