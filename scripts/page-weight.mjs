// Bytes a reader downloads for each page of a built site, read from the HTML: the page itself and
// the stylesheets, scripts (including their static imports) and fonts it references or holds inline.
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

/** The text of a page's inline stylesheets, one after another. */
export function inlineStyles(html) {
  return [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
}

/** The web fonts a stylesheet declares, in the one format every browser with a service worker reads. */
function declaredFonts(css, resolve) {
  const fonts = [];
  for (const [, url] of css.matchAll(/url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/g)) fonts.push(resolve(url));
  return fonts.filter(Boolean);
}

/**
 * The files a page loads before any interaction: stylesheets, scripts and their static imports,
 * and the web fonts its stylesheets (linked or inline) declare.
 */
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
  const fonts = new Set(declaredFonts(inlineStyles(text), (url) => resolveAsset(dir, base, url)));
  for (const file of css) {
    // A linked stylesheet names its fonts relative to itself (Vite puts both in one folder).
    const near = (url) => {
      const font = join(dirname(file), url.split('/').pop());
      return existsSync(font) ? font : null;
    };
    for (const font of declaredFonts(readFileSync(file, 'utf8'), near)) fonts.add(font);
  }
  return { css: [...css], js: [...js], fonts: [...fonts] };
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
  const cssTotals = sum(css);
  const inlineCss = Buffer.from(inlineStyles(text));
  return {
    html: { raw: html.length, gzip: gzipSize(html) },
    css: { raw: cssTotals.raw + inlineCss.length, gzip: cssTotals.gzip + (inlineCss.length ? gzipSize(inlineCss) : 0) },
    js: { raw: jsTotals.raw + inline.length, gzip: jsTotals.gzip + (inline.length ? gzipSize(inline) : 0) },
    files: { css, js },
  };
}

/** Parts of a page's HTML, each as a pattern that matches all of it (outermost elements only). */
const htmlParts = {
  'formulas (<math>)': /<math[\s>][\s\S]*?<\/math>/g,
  'tables': /<table[\s>][\s\S]*?<\/table>/g,
  'charts (<svg>)': /<svg[\s>][\s\S]*?<\/svg>/g,
  'code blocks (<pre>)': /<pre[\s>][\s\S]*?<\/pre>/g,
  'errata cards (<aside class="erratum">)': /<aside class="erratum[\s\S]*?<\/aside>/g,
  'citation links': /<span class="cites">[\s\S]*?<\/span>|<a [^>]*class="cites cite-link"[^>]*>[^<]*<\/a>/g,
  'contents (<nav>)': /<nav[\s>][\s\S]*?<\/nav>/g,
  '<head>': /<head>[\s\S]*?<\/head>/g,
  'inline <script>s': /<script(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>/g,
  'inline <style>s': /<style[^>]*>[\s\S]*?<\/style>/g,
  'class attributes': /\sclass="[^"]*"/g,
  '  of which scoping classes (astro-…)': / ?astro-[a-z0-9]{8}/g,
  'style attributes': /\sstyle="[^"]*"/g,
  'all markup (text left)': /<[^>]+>/g,
};

/**
 * Where a page's HTML goes: for each part, how many elements it holds and how many gzip bytes
 * the page would lose without it (gzip shares its dictionary across the page, so that is what a
 * part costs, not its size compressed alone). Parts overlap (a formula in a table counts in both).
 */
export function htmlBreakdown(htmlFile) {
  const html = readFileSync(htmlFile, 'utf8');
  const total = gzipSize(Buffer.from(html));
  const elementsIn = (text) => (text.match(/<[a-zA-Z][\w-]*[\s/>]/g) ?? []).length;
  const rows = Object.entries(htmlParts).map(([part, pattern]) => {
    const matches = html.match(pattern) ?? [];
    return {
      part,
      count: matches.length,
      elements: pattern.source.startsWith('<') && !part.startsWith('all') ? matches.reduce((sum, m) => sum + elementsIn(m), 0) : null,
      gzipCost: total - gzipSize(Buffer.from(html.replace(pattern, ''))),
    };
  });
  return { elements: elementsIn(html), gzip: total, rows };
}
