// `npm run bench`: figures, printed, never asserted (the byte budgets are tests: budget.spec.ts).
// 1. The build: how long it takes and what each page references (from the HTML files).
// 2. Each page loaded in Chromium as on a mid-range phone (390×844, CPU 4× slower, optionally a
//    throttled network with --network): bytes by type, raw and as sent (gzip), requests, and
//    LCP, CLS and TBT on a first visit.
// 3. The tokenizer demo's load, from the button to both tokenizers ready.
// 4. Lighthouse's mobile profile on every page of the same build (`bench:lighthouse`), then the
//    islands' own benchmarks (`bench:tokenizers`, `bench:chat`, `bench:cpu`), where package.json has them.
import { readFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildSite, localPreview } from './build-site.mjs';
import { tokenizerIslandLoad } from './bench-tokenizer-island.mjs';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
import { htmlBreakdown, pageWeight } from './page-weight.mjs';
import { childEnv, onTerminal, printOutput, runShown } from './plain-output.mjs';
import { startServer } from './serve.mjs';
import { builtPages, pageHtmlFile } from './site-files.mjs';

const { values: options } = parseArgs({ options: { network: { type: 'boolean', default: false } } });

const outDir = '.builds/bench';
rmSync(outDir, { recursive: true, force: true });
const { ms: buildMs, output: buildOutput } = buildSite({ outDir, base: '/', quiet: !onTerminal, env: { ...childEnv(), ...localPreview() } });
if (!onTerminal) printOutput(buildOutput);
console.log(`\nBuild time: ${(buildMs / 1000).toFixed(1)} s (astro build, wall clock, on this machine as loaded as it is now)\n`);

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(7);
const pages = builtPages(outDir);

console.log('Referenced by each page’s HTML, read from the files (KiB, raw and gzip -9)');
console.log('  CSS = its stylesheets, linked and inline; JS = its <script src> files with their static imports, plus its inline scripts.');
console.log('page'.padEnd(24), 'HTML raw', '   gzip', ' CSS raw', '   gzip', '  JS raw', '   gzip');
for (const page of pages) {
  const row = pageWeight(outDir, '/', pageHtmlFile(page));
  console.log(
    `/${page}`.padEnd(24),
    kb(row.html.raw), kb(row.html.gzip), kb(row.css.raw), kb(row.css.gzip), kb(row.js.raw), kb(row.js.gzip),
  );
}

const article = htmlBreakdown(`${outDir}/index.html`);
console.log(`\nWhere the article's HTML goes: ${article.elements.toLocaleString('en-US')} elements, ${kb(article.gzip).trim()} KiB gzip`);
console.log('  cost = gzip bytes the page would lose without that part; parts overlap (a formula in a table is in both).');
console.log('part'.padEnd(42), ' count', 'elements', 'cost KiB');
for (const row of article.rows) {
  console.log(row.part.padEnd(42), String(row.count).padStart(6), String(row.elements ?? '').padStart(8), kb(row.gzipCost));
}

// Measured in the page from its first byte: largest contentful paint, layout shift, long tasks.
function observeVitals() {
  const vitals = { lcp: 0, cls: 0, fcp: 0, longTasks: [] };
  window.__vitals = vitals;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) vitals.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) vitals.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') vitals.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) vitals.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

const kinds = { document: 'HTML', stylesheet: 'CSS', script: 'JS', font: 'fonts', image: 'images' };

async function measure(browser, url) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    serviceWorkers: 'block', // a first visit
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (options.network) {
    // Roughly "fast 4G": 9 Mbit/s down, 1.5 Mbit/s up, 60 ms round trip.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 60,
      downloadThroughput: (9 * 1024 * 1024) / 8,
      uploadThroughput: (1.5 * 1024 * 1024) / 8,
    });
  }
  await page.addInitScript(observeVitals);
  const responses = [];
  page.on('response', (response) => responses.push(response));
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(1000); // let late long tasks and shifts land
  const vitals = await page.evaluate(() => window.__vitals);

  const bytes = Object.fromEntries(Object.values(kinds).map((kind) => [kind, { raw: 0, sent: 0 }]));
  for (const response of responses) {
    const kind = kinds[response.request().resourceType()];
    if (!kind) continue;
    const body = await response.body().catch(() => Buffer.alloc(0));
    bytes[kind].raw += body.length;
    // What a host sends: text types compressed (gzip here; brotli would be a little smaller).
    bytes[kind].sent += kind === 'fonts' || kind === 'images' ? body.length : gzipSync(body).length;
  }
  // Total blocking time: the part of each long task past 50 ms, after the first contentful paint.
  const tbt = vitals.longTasks.filter((t) => t.start >= vitals.fcp).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
  await context.close();
  return { bytes, requests: responses.length, lcp: vitals.lcp, cls: vitals.cls, tbt };
}

const server = await startServer({ dir: outDir, base: '/', port: 0 });
const origin = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs({ webgpu: false }) });
console.log(
  `\nFirst visit in Chromium, 390×844, CPU ×4 slower${options.network ? ', fast-4G network' : ', unthrottled local network'}` +
    ' (KiB raw / gzip; times in ms)',
);
console.log(
  'page'.padEnd(22),
  ...Object.values(kinds).map((kind) => `${kind} raw/gzip`.padStart(16)),
  'reqs'.padStart(5),
  'LCP'.padStart(6),
  'CLS'.padStart(6),
  'TBT'.padStart(6),
);
console.log(
  [
    '  KiB = what the browser received for each kind of resource, raw and gzipped (fonts and images as sent).',
    '  JS here is only the script files fetched: inline scripts arrive inside the HTML and count there, which is',
    '  why the JS column of the table above (files + inline scripts) is larger for the same page.',
    '  reqs = requests until the network is idle. LCP = Largest Contentful Paint, ms after navigation (the biggest',
    '  text block or image drawn). CLS = Cumulative Layout Shift, unitless (0 = nothing moved; under 0.1 is good).',
    '  TBT = Total Blocking Time, ms: for each main-thread task over 50 ms after the first paint, the part past 50.',
  ].join('\n'),
);
for (const page of pages.filter((p) => p !== '404.html')) {
  const result = await measure(browser, origin + page);
  console.log(
    `/${page}`.padEnd(22),
    ...Object.values(kinds).map((kind) => `${kb(result.bytes[kind].raw).trim()}/${kb(result.bytes[kind].sent).trim()}`.padStart(16)),
    String(result.requests).padStart(5),
    result.lcp.toFixed(0).padStart(6),
    result.cls.toFixed(3).padStart(6),
    result.tbt.toFixed(0).padStart(6),
  );
}

const tokenizerLoad = await tokenizerIslandLoad(browser, `${origin}playground/tokenizer/`);
console.log(
  '\nThe tokenizer demo (/playground/tokenizer/), 加载分词器 pressed → 分词器已加载, full CPU speed, fresh page each run: ' +
    `median ${tokenizerLoad.median.toFixed(0)} ms (runs ${tokenizerLoad.times.map((ms) => ms.toFixed(0)).join(', ')})`,
);
await browser.close();
server.close();

const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {};
const extraArgs = { 'bench:lighthouse': ['--', '--dir', outDir] };
for (const name of ['bench:lighthouse', 'bench:tokenizers', 'bench:chat', 'bench:cpu']) {
  if (!scripts[name]) {
    console.log(`\n(${name}: not in package.json, skipped)`);
    continue;
  }
  console.log(`\n── npm run ${name}`);
  const result = runShown('npm', ['run', '--silent', name, ...(extraArgs[name] ?? [])]);
  if (result.status !== 0) console.log(`${name} exited with ${result.status}`);
}
