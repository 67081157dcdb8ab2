/**
 * Stylesheets that a page needs only once an island is on it. They are linked by URL (imported with
 * `?url`), not imported: Astro puts CSS imported anywhere in a page's scripts, even in a chunk that
 * loads later, into the page's head, in the HTML of every page that has the island.
 */

/** Adds the stylesheet to the page once; resolves when it has loaded. */
export function linkStylesheet(href: string): Promise<void> {
  const existing = document.querySelector<HTMLLinkElement>(`link[rel="stylesheet"][href="${href}"]`);
  if (existing?.sheet) return Promise.resolve();
  const link = existing ?? Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
  const loaded = new Promise<void>((resolve, reject) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => reject(new Error(`Could not load ${href}`)), { once: true });
  });
  if (!existing) document.head.append(link);
  return loaded;
}
