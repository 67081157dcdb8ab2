// The files a host needs beside the pages, written after each build because they depend on it:
// the social card and app icons, robots.txt (it names SITE_URL), the licence notices, the final _headers (BASE_PATH
// prefixes, the pages' Content-Security-Policy) and the service worker with its file list; and each
// page's inline styles, cut to what it uses (page-styles.mjs), and its policy, made to list the
// hashes of that page's inline code (page-policy.mjs).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { overHostLimits, parseHeaders, serializeHeaders } from './headers.mjs';
import { appIcon, socialCard } from './images.mjs';
import { pageAssets } from '../page-weight.mjs';
import { nestUnderBase, servesFromDomainRoot } from './host-layout.mjs';
import { writeNotices } from './notices.mjs';
import { withOwnHashes } from './page-policy.mjs';
import { withOwnStyles } from './page-styles.mjs';
import { appIcons, favicon, siteUrlWarning, socialImage } from '../../site.config.mjs';

/** Every file under `dir`, as sorted slash-separated paths relative to it. */
function listFiles(dir) {
  const files = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return files.sort();
}

/** HTML files of the build and the URL path each is served at ("playground/index.html" → "/base/playground/"). */
function pages(dir, base) {
  return listFiles(dir)
    .filter((file) => file.endsWith('.html'))
    .map((file) => ({ file, url: base + file.replace(/(^|\/)index\.html$/, '$1') }));
}

function frontmatter(file) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`${file} has no frontmatter`);
  return parseYaml(match[1]);
}

async function writeImages(dir, title) {
  writeFileSync(join(dir, socialImage.file), await socialCard(title, socialImage));
  for (const icon of appIcons) writeFileSync(join(dir, icon.file), await appIcon(icon.size));
}

function writeRobots(dir, site, base) {
  const sitemap = new URL(`${base}sitemap-index.xml`, site).href;
  writeFileSync(join(dir, 'robots.txt'), `User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`);
}

/** The page's `<meta http-equiv="content-security-policy">` as ordered directives. */
function metaPolicy(html) {
  const content = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1];
  if (!content) return null;
  return content
    .split(';')
    .map((directive) => directive.trim().split(/\s+/))
    .filter((tokens) => tokens[0]);
}

/**
 * One policy for the whole site, for the header: each page's meta policy plus frame-ancestors,
 * which a <meta> cannot set. The browser enforces the header and the meta independently, and a
 * script or <style> runs only if both allow it; so the header leaves inline code to each page's
 * meta, whose hashes still decide, and says 'unsafe-inline' where the meta lists hashes. Listing
 * every page's hashes here instead made a header line that outgrows Cloudflare Pages' 2,000
 * characters with each new inline script. Workers get no meta: for them the header is the policy,
 * and its connect-src, worker-src and script-src 'self' hold there as before.
 */
export function sitePolicy(dir) {
  const directives = new Map();
  for (const file of listFiles(dir).filter((f) => f.endsWith('.html'))) {
    const policy = metaPolicy(readFileSync(join(dir, file), 'utf8'));
    if (!policy) throw new Error(`${file} has no Content-Security-Policy <meta>`);
    for (const [name, ...sources] of policy) {
      const merged = directives.get(name) ?? [];
      for (const source of sources.map(leaveInlineToMeta)) if (!merged.includes(source)) merged.push(source);
      directives.set(name, merged);
    }
  }
  directives.set('frame-ancestors', ["'none'"]);
  return [...directives].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

const leaveInlineToMeta = (source) => (/^'sha(256|384|512)-/.test(source) ? "'unsafe-inline'" : source);

/** public/_headers as the host must see it: paths under BASE_PATH, a rule per page, the CSP. */
export function finishHeaders(dir, base) {
  const rules = parseHeaders(readFileSync(join(dir, '_headers'), 'utf8')).map((rule) => ({
    path: rule.path.startsWith('/') ? base + rule.path.slice(1) : rule.path,
    headers: rule.headers,
  }));
  const everything = rules.find((rule) => rule.path === `${base}*`);
  if (!everything) throw new Error('public/_headers needs a "/*" rule for the site-wide headers');
  everything.headers.push(['Content-Security-Policy', sitePolicy(dir)]);
  // Pages are revalidated on every visit so a new deploy shows at once; their assets are immutable.
  for (const page of pages(dir, base).filter((p) => !p.file.endsWith('404.html'))) {
    rules.push({ path: page.url, headers: [['Cache-Control', 'no-cache']] });
  }
  const problems = overHostLimits(rules);
  if (problems.length) throw new Error(`_headers would be cut short by the host: ${problems.join('; ')}`);
  writeFileSync(
    join(dir, '_headers'),
    serializeHeaders(rules, '# Written by the build from public/_headers; edit that file instead.\n\n'),
  );
}

/**
 * sw.js for a built site. Its version is a hash of every other file, so any change to the site
 * makes a new worker that replaces the old one and its cache. Precached: each page and what it
 * loads before any interaction (stylesheets, their web fonts, first-load scripts), not islands:
 * the code of a demo the reader opens is kept when it loads (see service-worker.js).
 */
export function writeServiceWorker(dir, base) {
  const files = listFiles(dir).filter((file) => file !== 'sw.js');
  const version = createHash('sha256');
  for (const file of files) version.update(file).update(readFileSync(join(dir, file)));

  const urls = new Set();
  const toUrl = (file) => base + relative(dir, file).split(sep).join('/');
  // The 404 page too: offline, an unknown address gets it instead of the browser's error.
  for (const page of pages(dir, base)) {
    urls.add(page.url);
    const { css, js, fonts } = pageAssets(dir, base, page.file);
    for (const file of [...css, ...fonts, ...js]) urls.add(toUrl(file));
  }
  urls.add(`${base}${favicon.file}`);
  for (const url of urls) {
    const file = join(dir, url.slice(base.length));
    if (!url.endsWith('/') && statSync(file).size > 2 * 1024 * 1024) urls.delete(url);
  }

  const build = { version: version.digest('hex').slice(0, 16), base, notFound: `${base}404.html`, precache: [...urls] };
  const source = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
  writeFileSync(join(dir, 'sw.js'), `const BUILD = ${JSON.stringify(build)};\n${source}`);
  return build;
}

/** @returns {import('astro').AstroIntegration} */
export default function publishFiles({ article }) {
  let base = '/';
  let site = '';
  return {
    name: 'publish-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        site = config.site ?? '';
      },
      'astro:build:start': ({ logger }) => {
        const warning = siteUrlWarning();
        if (warning) logger.warn(warning);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        await writeImages(out, frontmatter(article).title);
        writeRobots(out, site, base);
        writeNotices(out);
        for (const { file } of pages(out, base)) {
          const path = join(out, file);
          const html = readFileSync(path, 'utf8');
          const fixed = withOwnHashes(withOwnStyles(html));
          if (fixed !== html) writeFileSync(path, fixed);
        }
        finishHeaders(out, base);
        const { version, precache } = writeServiceWorker(out, base);
        logger.info(`social card, icons, robots.txt, licence notices, _headers, sw.js (version ${version}, ${precache.length} files precached)`);
        if (servesFromDomainRoot() && base !== '/') {
          nestUnderBase(out, base);
          logger.info(`pages moved under ${base.slice(1)} in the publish directory; _headers, 404.html and robots.txt at its top`);
        }
        // Said again last, where a maintainer reading the end of a build log will see it.
        const warning = siteUrlWarning();
        if (warning) logger.warn(warning);
      },
    },
  };
}
