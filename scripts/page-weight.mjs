// Bytes a reader downloads for each page of a built site, read from the HTML: the page itself and
// the stylesheets, scripts (including their static imports) and fonts it references.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const gzipSize = (buffer) => gzipSync(buffer, { level: 9 }).length;

function resolveAsset(dir, base, url) {
  if (/^[a-z]+:/i.test(url)) return null; // another origin: not ours to count
  const path = url.split(/[?#]/)[0];
  if (!path.startsWith(base)) return null;
  const file = join(dir, path.slice(base.length));
  return existsSync(file) ? file : null;
}

/** Static imports of a module script, so a page's first-load JavaScript is counted whole. */
function moduleGraph(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const [, spec] of source.matchAll(/(?:^|[;\s])import\s*(?:[^'"()]*?from\s*)?["']([^"']+\.js)["']/g)) {
    if (spec.startsWith('.')) moduleGraph(join(file, '..', spec), seen);
  }
  return seen;
}

/** The files a page loads before any interaction: stylesheets, scripts and their static imports. */
export function pageAssets(dir, base, htmlPath) {
  const text = readFileSync(join(dir, htmlPath), 'utf8');
  const css = new Set();
  const js = new Set();
  for (const [, href] of text.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)) {
    const file = resolveAsset(dir, base, href);
    if (file) css.add(file);
  }
  for (const [, src] of text.matchAll(/<script[^>]+src="([^"]+)"/g)) {
    const file = resolveAsset(dir, base, src);
    if (file) for (const module of moduleGraph(file)) js.add(module);
  }
  return { css: [...css], js: [...js] };
}

/** The web fonts a stylesheet declares, in the one format every browser with a service worker reads. */
export function stylesheetFonts(cssFile) {
  const css = readFileSync(cssFile, 'utf8');
  const fonts = new Set();
  for (const [, url] of css.matchAll(/url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/g)) {
    const file = join(dirname(cssFile), url.split('/').pop());
    if (existsSync(file)) fonts.add(file);
  }
  return [...fonts];
}

export function pageWeight(dir, base, htmlPath) {
  const html = readFileSync(join(dir, htmlPath));
  const text = html.toString('utf8');
  const { css, js } = pageAssets(dir, base, htmlPath);
  const inlineJs = [...text.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .join('\n');
  const sum = (files) => {
    let raw = 0;
    let gz = 0;
    for (const file of files) {
      const buffer = readFileSync(file);
      raw += buffer.length;
      gz += gzipSize(buffer);
    }
    return { raw, gzip: gz };
  };
  const jsTotals = sum(js);
  const inline = Buffer.from(inlineJs);
  return {
    html: { raw: html.length, gzip: gzipSize(html) },
    css: sum(css),
    js: { raw: jsTotals.raw + inline.length, gzip: jsTotals.gzip + (inline.length ? gzipSize(inline) : 0) },
    files: { css, js },
  };
}
