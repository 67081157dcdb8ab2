// Builds the site into a given folder for a given base path, e.g. to test hosting under a
// sub-path: node scripts/build-site.mjs --out .builds/sub --base /qwen-vs-llama3/
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

export function buildSite({ outDir, base = '/' }) {
  const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
  const started = performance.now();
  const result = spawnSync(process.execPath, [astro, 'build', '--outDir', outDir], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, BASE_PATH: base },
  });
  if (result.status !== 0) throw new Error(`astro build for base ${base} failed (exit ${result.status})`);
  return performance.now() - started;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, base: { type: 'string' } } });
  if (!values.out) throw new Error('usage: node scripts/build-site.mjs --out <dir> [--base /sub/]');
  buildSite({ outDir: values.out, base: values.base });
}
