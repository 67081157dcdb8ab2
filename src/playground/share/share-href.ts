/**
 * A share link: a page address whose query carries what the reader typed. A long text in Chinese
 * costs 9 bytes a character once percent-encoded, and servers and CDNs refuse a request whose
 * address is too long (HTTP 414 or 431) — reloading such a link loses the page. So a link is
 * limited by its encoded length: the text goes in whole, or, when it does not fit, not at all (a
 * truncated prompt would be a different prompt), and the reader is told.
 */

/** Query bytes every common host and CDN accepts. */
export const MAX_SHARE_QUERY_BYTES = 2000;

export interface ShareState {
  /** Short values that always fit: settings, a view name, model ids. */
  settings: Readonly<Record<string, string | undefined>>;
  /** The reader's text, left out whole when the link would be too long. */
  text: Readonly<Record<string, string | undefined>>;
}

export interface ShareTarget {
  href: string;
  /** False when the text did not fit and was left out. */
  complete: boolean;
}

function setAll(params: URLSearchParams, values: ShareState['settings']): void {
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, value);
}

/**
 * `base` with `state` in its query. The keys in `managed` are this link's own (removed first, so
 * an emptied field leaves the address); any other parameter of `base` and its fragment stay.
 */
export function shareHref(base: string, managed: readonly string[], state: ShareState): ShareTarget {
  const build = (withText: boolean) => {
    const url = new URL(base);
    for (const key of managed) url.searchParams.delete(key);
    // The text first: it is what a reader looks for in a link.
    if (withText) setAll(url.searchParams, state.text);
    setAll(url.searchParams, state.settings);
    return url;
  };
  const full = build(true);
  // URL.search is percent-encoded ASCII, so its length is its size in bytes.
  if (full.search.length <= MAX_SHARE_QUERY_BYTES + 1) return { href: full.href, complete: true };
  return { href: build(false).href, complete: false };
}

export function sameShareState(a: ShareState, b: ShareState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
