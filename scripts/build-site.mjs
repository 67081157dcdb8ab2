// Builds the site into a given folder for a given base path, e.g. to test hosting under a
// sub-path: node scripts/build-site.mjs --out .builds/sub --base /qwen-vs-llama3/
// From the command line (and for `npm start` and the end-to-end tests) it is a local preview: with
// no SITE_URL it builds for the local server's origin, on purpose, so the build does not warn.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { localOrigin } from '../site.config.mjs';

/** Builds with the caller's environment plus `env` (a host's variables, say); returns the time it took in ms. */
export function buildSite({ outDir, base = '/', env = {}, quiet = false }) {
  const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
  // A test runner (Vitest) puts Vite's own variables in process.env; Astro would take them for the
  // build's, e.g. BASE_URL=/ under any BASE_PATH.
  const { BASE_URL, MODE, DEV, PROD, SSR, ...inherited } = process.env;
  const started = performance.now();
  const result = spawnSync(process.execPath, [astro, 'build', '--outDir', outDir], {
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
    env: { ...inherited, BASE_PATH: base, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`astro build for base ${base} failed (exit ${result.status})\n${result.stderr ?? ''}${result.stdout ?? ''}`);
  }
  return { ms: performance.now() - started, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** The environment of a local preview build: SITE_URL is the local server's unless one is given. */
export const localPreview = () => ({ SITE_URL: process.env.SITE_URL || localOrigin });

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, base: { type: 'string' } } });
  if (!values.out) throw new Error('usage: node scripts/build-site.mjs --out <dir> [--base /sub/]');
  buildSite({ outDir: values.out, base: values.base ?? process.env.BASE_PATH ?? '/', env: localPreview() });
}
