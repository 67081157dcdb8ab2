// `npm run bench:lighthouse`: Lighthouse's mobile profile (simulated slow 4G, CPU 4× slower, a
// Moto G Power sized screen) on every page of a built site, three runs each, and the medians of the
// performance score, total blocking time, largest contentful paint and layout shift, with each
// page's element count and gzip HTML size. Printed, never asserted: the machine's load moves them.
// Then style+layout per frame while scrolling the article on a phone (bench-scroll.mjs).
// Usage: node scripts/bench-lighthouse.mjs [--dir .builds/bench] [--runs 3] [--page playground/ ...]
// (--page: only these pages, as built paths; "" or / is the article)
// Without --dir it builds the site first. The pages are served by this process while Lighthouse
// runs as a child process, so its work never blocks the server's event loop.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildSite } from './build-site.mjs';
import { chromium } from 'playwright-core';
import { scrollFrames } from './bench-scroll.mjs';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
import { startServer } from './serve.mjs';
import { builtPages } from './site-files.mjs';

const { values: options } = parseArgs({
  options: { dir: { type: 'string' }, runs: { type: 'string', default: '3' }, page: { type: 'string', multiple: true } },
});
const runs = Number(options.runs);

let dir = options.dir;
if (!dir) {
  dir = '.builds/lighthouse';
  rmSync(dir, { recursive: true, force: true });
  buildSite({ outDir: dir, base: '/' });
}

const lighthouseCli = join(dirname(createRequire(import.meta.url).resolve('lighthouse/package.json')), 'cli/index.js');

/** One Lighthouse run, its JSON report parsed. */
function lighthouse(url) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        lighthouseCli,
        url,
        '--only-categories=performance',
        '--output=json',
        '--output-path=stdout',
        '--quiet',
        '--chrome-flags=--headless=new --no-sandbox',
      ],
      { env: { ...process.env, CHROME_PATH: chromiumPath() }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`lighthouse exited with ${code} for ${url}`));
      else resolve(JSON.parse(out));
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const htmlFile = (page) => (page === '' ? 'index.html' : page.endsWith('/') ? `${page}index.html` : page);

const server = await startServer({ dir, base: '/', port: 0 });
const origin = `http://127.0.0.1:${server.address().port}/`;

console.log(`\nLighthouse ${runs}× per page, mobile profile (medians; times in ms, HTML in KB gzip)`);
console.log('page'.padEnd(24), 'score'.padStart(5), 'TBT'.padStart(6), 'LCP'.padStart(6), 'CLS'.padStart(6), 'DOM'.padStart(7), 'HTML'.padStart(6));
const chosen = options.page?.map((page) => page.replace(/^\//, ''));
for (const page of builtPages(dir).filter((p) => p !== '404.html' && (!chosen || chosen.includes(p)))) {
  const reports = [];
  for (let run = 0; run < runs; run++) reports.push(await lighthouse(origin + page));
  const audit = (id) => median(reports.map((report) => report.audits[id].numericValue));
  const score = median(reports.map((report) => report.categories.performance.score * 100));
  const html = gzipSync(readFileSync(join(dir, htmlFile(page))), { level: 9 }).length;
  console.log(
    `/${page}`.padEnd(24),
    score.toFixed(0).padStart(5),
    audit('total-blocking-time').toFixed(0).padStart(6),
    audit('largest-contentful-paint').toFixed(0).padStart(6),
    audit('cumulative-layout-shift').toFixed(3).padStart(6),
    audit('dom-size').toFixed(0).padStart(7),
    (html / 1000).toFixed(1).padStart(6),
  );
}

const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs({ webgpu: false }) });
const phone = await scrollFrames(browser, origin, { cpuSlowdown: 4 });
const unthrottled = await scrollFrames(browser, origin, { cpuSlowdown: 1 });
await browser.close();
const figures = (f) => `median ${f.median.toFixed(1)}, 95th percentile ${f.p95.toFixed(1)}, worst ${f.max.toFixed(1)}`;
console.log(
  '\nScrolling the article top to bottom at 390×844: style+layout per frame that had any (ms)' +
    `\n  CPU 4× slower (${phone.frames} frames), main-thread CPU time: ${figures(phone.cpu)}` +
    `\n    the same in wall time (stretched by the machine's load): ${figures(phone.wall)}` +
    `\n  this machine's CPU (${unthrottled.frames} frames), main-thread CPU time: ${figures(unthrottled.cpu)}` +
    `\n  the worst frames at 4× (main-thread CPU ms, the scroll position, the heading above mid-screen):` +
    phone.worst.map((frame) => `\n    ${frame.cpu.toFixed(1).padStart(6)}  at ${String(frame.scrollY).padStart(6)} px  ${frame.where}`).join(''),
);
server.close();
