// `npm run bench`: figures, printed, never asserted. Starts with the build: how long it takes and
// what each page weighs (HTML, CSS, first-load JavaScript; raw and gzip).
import { rmSync } from 'node:fs';
import { buildSite } from './build-site.mjs';
import { pageWeight } from './page-weight.mjs';
import { builtPages } from '../tests/e2e/built-pages.ts';

const outDir = '.builds/bench';
rmSync(outDir, { recursive: true, force: true });
const buildMs = buildSite({ outDir, base: '/' });
console.log(`\nBuild time: ${(buildMs / 1000).toFixed(1)} s\n`);

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(7);
const rows = builtPages(outDir).map((page) => {
  const htmlPath = page === '' ? 'index.html' : page.endsWith('/') ? `${page}index.html` : page;
  return { page: `/${page}`, ...pageWeight(outDir, '/', htmlPath) };
});
console.log('Page weight per page (KiB; JS = scripts loaded before any interaction)');
console.log('page'.padEnd(24), 'HTML raw', ' gzip', ' CSS raw', ' gzip', '  JS raw', ' gzip');
for (const row of rows) {
  console.log(
    row.page.padEnd(24),
    kb(row.html.raw), kb(row.html.gzip), kb(row.css.raw), kb(row.css.gzip), kb(row.js.raw), kb(row.js.gzip),
  );
}
