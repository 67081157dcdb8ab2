/** Prefixes a site-internal path with the base path the site is built for (see site.config.mjs). */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  return base + path.replace(/^\/+/, '');
}

/** A reference's link: absolute URLs as they are, a file the site publishes under the base path. */
export function referenceHref(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : withBase(url);
}
