// `npm run bench:lighthouse`: Lighthouse's mobile profile (simulated slow 4G, CPU 4× slower, a
// Moto G Power sized screen) on every page of a built site, three runs each, and the medians of the
// performance score, total blocking time, largest contentful paint and layout shift, with each
// page's element count and gzip HTML size. Printed, never asserted: the machine's load moves them.
// Then style+layout per frame while scrolling the article on a phone (bench-scroll.mjs): a fast
// fling and a screen a frame, `runs` times each, once the page has laid out the parts off screen;
// and a fling started as soon as it has loaded.
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
import { flingStep, scrollFrames } from './bench-scroll.mjs';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
import { startServer } from './serve.mjs';
import { builtPages, pageHtmlFile } from './site-files.mjs';

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

const server = await startServer({ dir, base: '/', port: 0 });
const origin = `http://127.0.0.1:${server.address().port}/`;

console.log(`\nLighthouse ${runs}× per page, mobile profile (medians; times in ms, HTML in KB gzip)`);
console.log('page'.padEnd(24), 'score'.padStart(5), 'TBT'.padStart(6), 'LCP'.padStart(6), 'CLS'.padStart(6), 'DOM'.padStart(7), 'HTML'.padStart(6));
const chosen = options.page?.map((page) => page.replace(/^\//, ''));
const benchmarkIndexes = [];
for (const page of builtPages(dir).filter((p) => p !== '404.html' && (!chosen || chosen.includes(p)))) {
  const reports = [];
  for (let run = 0; run < runs; run++) reports.push(await lighthouse(origin + page));
  benchmarkIndexes.push(...reports.map((report) => report.environment.benchmarkIndex));
  const audit = (id) => median(reports.map((report) => report.audits[id].numericValue));
  const score = median(reports.map((report) => report.categories.performance.score * 100));
  const html = gzipSync(readFileSync(join(dir, pageHtmlFile(page))), { level: 9 }).length;
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

// The same 4× slowdown stands for a slower phone on a slower machine: Lighthouse's benchmark index
// of this machine says which. Chrome DevTools' CPU calibration
// (front_end/panels/mobile_throttling/CalibrationController.ts) aims a low-tier phone at 264 and a
// mid-tier one at 1,000.
if (benchmarkIndexes.length > 0) {
  const index = median(benchmarkIndexes);
  console.log(
    `\nThis machine's Lighthouse benchmark index: ${index.toFixed(0)} (median of the runs; ${Math.min(...benchmarkIndexes).toFixed(0)}–${Math.max(...benchmarkIndexes).toFixed(0)}), so 4× slower is about ${(index / 4).toFixed(0)}` +
      `, where DevTools' CPU calibration puts a low-tier phone at 264 and a mid-tier one at 1,000`,
  );
}

const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs({ webgpu: false }) });
// Each way of scrolling `runs` times: one run's worst frame is one frame in about a hundred (a
// screen a frame) or five hundred (a fling), and moves with the machine's load.
const scrolls = async (options) => {
  const results = [];
  for (let run = 0; run < runs; run++) results.push(await scrollFrames(browser, origin, options));
  return results;
};
const fling = await scrolls({ cpuSlowdown: 4, step: flingStep });
const screenful = await scrolls({ cpuSlowdown: 4, step: 0.8 });
const unthrottled = await scrolls({ cpuSlowdown: 1, step: 0.8 });
const flingOnLoad = await scrolls({ cpuSlowdown: 4, step: flingStep, settled: false });
await browser.close();
const figures = (results) => {
  const of = (key) => median(results.map((result) => result.cpu[key])).toFixed(1);
  return `${results[0].frames} frames: median ${of('median')}, 95th percentile ${of('p95')}, worst ${of('max')} (worst of each run: ${results.map((result) => result.cpu.max.toFixed(1)).join(', ')})`;
};
const worstOf = (results) => results.flatMap((result) => result.worst).sort((a, b) => b.cpu - a.cpu).slice(0, 5);
console.log(
  `\nScrolling the article top to bottom at 390×844, ${runs}× each: main-thread CPU ms of style+layout per frame that had any (medians of the runs)` +
    `\n once the page has laid out the parts off screen in its idle time:` +
    `\n  a fast fling (${flingStep.toFixed(0)} px a frame), CPU 4× slower: ${figures(fling)}` +
    `\n  80% of a screen a frame, CPU 4× slower: ${figures(screenful)}` +
    `\n  80% of a screen a frame, this machine's CPU: ${figures(unthrottled)}` +
    `\n as soon as the page has loaded:` +
    `\n  a fast fling, CPU 4× slower: ${figures(flingOnLoad)}` +
    `\n  the worst frames of the flings at 4× (CPU ms, the scroll position, the heading above mid-screen):` +
    worstOf(fling).map((frame) => `\n    ${frame.cpu.toFixed(1).padStart(6)}  at ${String(frame.scrollY).padStart(6)} px  ${frame.where}`).join(''),
);
server.close();
