// How a static host finds files in a built site, shared by the local server, the benchmarks and
// the tests that read the build from disk.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, normalize, relative, resolve, sep } from 'node:path';

/**
 * Every page of a built site, as paths relative to its base ("", "playground/", "404.html").
 * @param {string} dir
 * @returns {string[]}
 */
export function builtPages(dir) {
  /** @type {string[]} */
  const pages = [];
  /** @param {string} folder */
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) {
        const rel = relative(dir, path).split(sep).join('/');
        pages.push(rel === 'index.html' ? '' : rel.replace(/(^|\/)index\.html$/, '$1'));
      }
    }
  };
  walk(dir);
  return pages.sort();
}

/**
 * The HTML file of a page that builtPages lists, relative to the site's folder ("" is index.html).
 * @param {string} page
 * @returns {string}
 */
export function pageHtmlFile(page) {
  return page.endsWith('.html') ? page : `${page}index.html`;
}

/**
 * The file a URL path is served from, as a static host picks it (the file itself, else the
 * folder's index.html), or null: outside the base, outside the folder, or `_headers` (instructions
 * for the host, not a file it serves). Throws URIError on malformed percent-encoding.
 * @param {string} dir the built site
 * @param {string} base the base path it was built for, with both slashes ("/" or "/sub/")
 * @param {string} pathname
 * @returns {string | null}
 */
export function servedFile(dir, base, pathname) {
  if (!pathname.startsWith(base)) return null;
  const root = resolve(dir);
  const candidate = normalize(join(root, decodeURIComponent(pathname.slice(base.length))));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  if (candidate === join(root, '_headers')) return null;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const index = join(candidate, 'index.html');
  return existsSync(index) ? index : null;
}
