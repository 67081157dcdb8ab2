// Netlify and Cloudflare Pages serve the publish directory at the root of the site's domain. A
// build for BASE_PATH=/sub/ emits every URL under /sub/, so on those hosts the files must sit in
// <publish dir>/sub/, with _headers (whose rules already carry the prefix) at the top, where the
// host reads it, and the 404 page there too (Netlify serves only the top one for a missing URL;
// Cloudflare Pages takes the nearest one up the tree). GitHub Pages does the opposite: it serves a
// project site's artifact under /<repository>/ itself, so there the folder stays flat.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/** Whether this build runs on a host that serves the publish directory at the domain's root. */
export function servesFromDomainRoot(env = process.env) {
  return env.NETLIFY === 'true' || env.CF_PAGES === '1';
}

/** Files a host or a crawler looks for at the domain's root, kept (or copied) there. */
const atRoot = { move: ['_headers'], copy: ['404.html', 'robots.txt'] };

/** Moves a flat build in `dir` into `dir/<base>/`, leaving the host's files at the top. */
export function nestUnderBase(dir, base) {
  if (base === '/') return;
  const entries = readdirSync(dir);
  const first = base.split('/')[1];
  if (entries.includes(first)) throw new Error(`BASE_PATH ${base}: the build already has a top-level "${first}"`);
  const target = join(dir, base);
  mkdirSync(target, { recursive: true });
  for (const entry of entries) {
    if (!atRoot.move.includes(entry)) renameSync(join(dir, entry), join(target, entry));
  }
  for (const file of atRoot.copy) {
    if (existsSync(join(target, file))) copyFileSync(join(target, file), join(dir, file));
  }
}
