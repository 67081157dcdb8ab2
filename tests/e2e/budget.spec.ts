// Page-weight budgets, in bytes (times are printed by `npm run bench`, never asserted): what the
// article costs before the reader touches anything, that islands wait until they are needed, and
// which fonts each page downloads and how big the math font is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page, type Response } from '@playwright/test';
import { inlineStyles, pageAssets } from '../../scripts/page-weight.mjs';
import { builtPages, servedFile } from '../../scripts/site-files.mjs';
import { rootSite, siteUrl } from './sites.mjs';
import { REQUESTS_SO_FAR, requestsSoFarRecorded } from './chat-network';
import { drawSkippedParts, mountEveryIsland, openSettled } from './open-settled';
import { articleLaidOutMark } from '../../src/scripts/lay-out-ahead';

const kib = 1024;
const budget = { firstLoadJsGzip: 10 * kib, totalWithoutFontsGzip: 110 * kib, mathFont: 32 * kib, articleHtmlGzip: 60_000, articleElements: 6_000 };

/** Loads a page without scrolling and returns every response it received. */
async function load(page: Page, path: string) {
  const responses: Response[] = [];
  page.on('response', (response) => responses.push(response));
  await openSettled(page, siteUrl(rootSite) + path);
  // A lazy island that wrongly loaded at once has been requested by now.
  await requestsSoFarRecorded(page);
  const sized = await Promise.all(
    responses.filter((response) => !new URL(response.url()).searchParams.has(REQUESTS_SO_FAR)).map(async (response) => {
      const body = await response.body().catch(() => Buffer.alloc(0));
      return { url: response.url(), type: response.request().resourceType(), raw: body.length, gzip: gzipSync(body).length };
    }),
  );
  return sized;
}

test('the article ships at most 10 KB gzip of JavaScript and 110 KB gzip in all (fonts aside) before any interaction', async ({ page }) => {
  const responses = await load(page, '');
  const sum = (list: typeof responses) => list.reduce((total, r) => total + r.gzip, 0);
  const js = responses.filter((r) => r.type === 'script' || /\.m?js(\?|$)/.test(r.url));
  const withoutFonts = responses.filter((r) => r.type !== 'font');
  const report = `JS ${(sum(js) / kib).toFixed(1)} KiB gzip in ${js.length} files; all but fonts ${(sum(withoutFonts) / kib).toFixed(1)} KiB gzip`;
  test.info().annotations.push({ type: 'weight', description: report });
  expect(sum(js), report).toBeLessThanOrEqual(budget.firstLoadJsGzip);
  expect(sum(withoutFonts), report).toBeLessThanOrEqual(budget.totalWithoutFontsGzip);
});

test('the article’s code is one script file with no imports: nothing else is requested while its text arrives', async ({ page }) => {
  const responses = await load(page, '');
  const js = responses.filter((r) => r.type === 'script');
  // One file per component and one per shared import (thirteen before) compete with the HTML for
  // a slow connection; under Lighthouse's mobile profile they held the largest paint back ~270 ms.
  expect(js.map((r) => new URL(r.url).pathname)).toHaveLength(1);
  expect(pageAssets(rootSite.dir, rootSite.base, 'index.html').js).toHaveLength(1);
});

test('the article’s text page: at most 60 KB of gzip HTML and 6,000 elements before any island mounts', async ({ page }) => {
  const responses = await load(page, '');
  const html = responses.find((r) => r.type === 'document')!;
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  const report = `HTML ${(html.gzip / 1000).toFixed(1)} KB gzip, ${elements} elements`;
  test.info().annotations.push({ type: 'weight', description: report });
  expect(html.gzip, report).toBeLessThanOrEqual(budget.articleHtmlGzip);
  expect(elements, report).toBeLessThanOrEqual(budget.articleElements);
});

test('the article’s text is set in at most 20 faces (family, size, weight), so few first uses land in scroll frames', async ({ page }) => {
  await load(page, '');
  // Every size of a font is set up the first time text uses it, in the frame that first shows it;
  // sizes relative to each context made 45 faces, a fixed scale 18.
  const faces = await page.evaluate(() => {
    const seen = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim() || !node.parentElement) continue;
      const style = getComputedStyle(node.parentElement);
      seen.add(`${style.fontFamily} ${style.fontSize} ${style.fontWeight}`);
    }
    return [...seen].sort();
  });
  expect(faces.length, faces.join('\n')).toBeLessThanOrEqual(20);
});

test('no island code loads until its island is near the viewport', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname.split('/').pop()!);
  });
  await load(page, '');
  // First-load scripts are those the HTML references and their static imports; anything else
  // is a dynamically imported island chunk.
  const firstLoad = new Set(pageAssets(rootSite.dir, rootSite.base, 'index.html').js.map((file: string) => file.split('/').pop()));
  const islandChunks = () => scripts.filter((name) => !firstLoad.has(name));
  expect(islandChunks()).toEqual([]);
  // Scrolling to the islands is what brings their code (and shows this test can see it).
  await mountEveryIsland(page);
  expect(islandChunks().length).toBeGreaterThan(0);
});

test('as the islands mount, the main thread asks for no GPU adapter and loads no locale data: the probe runs in a worker, and numbers and Chinese or English text are counted without Intl', async ({ page }) => {
  // Each costs 15–40 ms of the thread that does it first (the GPU process connection, the
  // browser's locale data), several times that on a phone, in the middle of the island's start-up.
  await page.addInitScript(() => {
    const calls: string[] = [];
    (window as unknown as { startupCalls: string[] }).startupCalls = calls;
    const counted = <T extends object>(owner: T, key: keyof T & string, label: string) => {
      const original = owner[key] as unknown as (...args: unknown[]) => unknown;
      if (typeof original !== 'function') return;
      const wrapped = function (this: unknown, ...args: unknown[]) {
        calls.push(label);
        return new.target ? Reflect.construct(original, args, new.target) : original.apply(this, args);
      };
      Object.defineProperty(owner, key, { configurable: true, writable: true, value: wrapped });
    };
    const gpu = (navigator as Navigator & { gpu?: object }).gpu;
    if (gpu) counted(Object.getPrototypeOf(gpu), 'requestAdapter' as never, 'navigator.gpu.requestAdapter');
    for (const name of ['Segmenter', 'NumberFormat', 'DateTimeFormat', 'Collator', 'PluralRules', 'ListFormat', 'RelativeTimeFormat', 'DisplayNames'] as const)
      counted(Intl, name as never, `Intl.${name}`);
    counted(Number.prototype, 'toLocaleString', 'Number.toLocaleString');
    for (const name of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'] as const) counted(Date.prototype, name, `Date.${name}`);
    counted(String.prototype, 'localeCompare', 'String.localeCompare');
  });
  for (const path of ['playground/', 'playground/arena/', 'playground/tokenizer/', 'playground/models/']) {
    await openSettled(page, siteUrl(rootSite) + path);
    await mountEveryIsland(page);
    // The GPU islands have had the probe's answer: this browser has navigator.gpu but no adapter.
    if (path !== 'playground/tokenizer/') await expect(page.getByText(/没有找到可用的显卡/).first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { startupCalls: string[] }).startupCalls), path).toEqual([]);
  }
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the math font arrives once the article has loaded, not in the scroll frame that first shows a formula', async ({ page }) => {
    const mathFont = page.waitForResponse((response) => /\/noto-sans-math\.[\w-]+\.woff2$/.test(new URL(response.url()).pathname));
    await page.goto(siteUrl(rootSite));
    expect((await mathFont).ok()).toBe(true);
    // Nothing scrolled, and the first formula is far below, in a part the browser has not drawn.
    expect(await page.evaluate(() => scrollY)).toBe(0);
    const firstFormula = await page.evaluate(() => document.querySelector('math')!.getBoundingClientRect().top);
    expect(firstFormula).toBeGreaterThan(5 * 844);
  });

  test('before its parts are laid out, the article is about as long as after, so the scrollbar says how far the reader is', async ({ page }) => {
    await page.goto(siteUrl(rootSite), { waitUntil: 'domcontentloaded' });
    const pageLength = () => page.evaluate(() => document.documentElement.scrollHeight);
    const guessed = await pageLength();
    await drawSkippedParts(page);
    const laidOut = await pageLength();
    // Guessed at 1500 px a part, the page was 146,000 px long before and 69,000 after.
    expect(laidOut).toBeGreaterThan(40 * 844);
    expect(guessed / laidOut).toBeGreaterThan(0.8);
    expect(guessed / laidOut).toBeLessThan(1.25);
  });

  test('parts far down are laid out while the reader reads, so reaching one builds next to no layout', async ({ page }) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    // Chromium's count of the layout objects in this page's process: a skipped part has none
    // until it is styled and laid out.
    const layoutObjects = async () => (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'LayoutObjects')!.value;
    await page.goto(siteUrl(rootSite));
    // The mark comes from idle time; polling on animation frames would keep the page from idling.
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, articleLaidOutMark, { polling: 100 });
    const before = await layoutObjects();
    // A jump straight to the last part with a numbered formula, ~40 screens down: without the
    // work ahead its first frame built 730 or more layout objects.
    const jumpedTo = await page.evaluate(async () => {
      const part = [...document.querySelectorAll('.article-part')].filter((each) => each.querySelector('figure.equation')).at(-1)!;
      scrollTo(0, part.getBoundingClientRect().top + scrollY);
      await new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)));
      return scrollY;
    });
    expect(jumpedTo).toBeGreaterThan(20 * 844);
    expect((await layoutObjects()) - before).toBeLessThan(50);
  });
});

test('every page’s tab icon is a small PNG: Chromium builds an SVG icon as a document of its own on the page’s main thread as it loads', () => {
  for (const path of builtPages(rootSite.dir)) {
    const html = readFileSync(servedFile(rootSite.dir, rootSite.base, rootSite.base + path)!, 'utf8');
    const icons = [...html.matchAll(/<link rel="icon"[^>]*>/g)].map(([tag]) => tag);
    expect(icons, path).toHaveLength(1);
    expect(icons[0], path).toContain('type="image/png"');
    const file = readFileSync(servedFile(rootSite.dir, rootSite.base, /href="([^"]+)"/.exec(icons[0]!)![1]!)!);
    // The PNG signature, then the IHDR chunk's width and height.
    expect(file.subarray(1, 4).toString('latin1'), path).toBe('PNG');
    expect([file.readUInt32BE(16), file.readUInt32BE(20)], path).toEqual([32, 32]);
    expect(file.length, path).toBeLessThanOrEqual(2 * kib);
  }
});

// Chinese font families as the stylesheets name them, and as fontconfig names the installed ones.
const CJK_FAMILY = /CJK|Source Han|PingFang|Hiragino|YaHei|WenQuanYi/;

test('Chinese is drawn from the installed CJK face named by local(): no page looks a CJK font up by family name', async ({ browser }) => {
  // Chromium on Linux copies a system font it finds by family name into shared memory, the whole
  // file (20 MB for each weight of Noto Sans CJK), inside the page's first layout: 150–200 ms the
  // first time a browser session shows Chinese. A face named by local() is opened from its file.
  // The trace's font events come from the browser process, where every page's lookups end up.
  const cdp = await browser.newBrowserCDPSession();
  const events: { name: string; args?: { family_name?: string } }[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as typeof events)));
  for (const path of builtPages(rootSite.dir).filter((built) => built !== '404.html')) {
    // A context of its own is a renderer of its own, which looks every font up again.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    events.length = 0;
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['fonts'] }, transferMode: 'ReportEvents' });
    await page.goto(siteUrl(rootSite) + path);
    // Lay out all of it, skipped parts included, and draw it, once the math font is in, as the page
    // itself lays far parts out (lay-out-ahead.ts): before, a formula's letters fall back to the
    // system's fonts one by one, and fontconfig's answer for some is Noto Sans CJK, by name.
    await page.evaluate(async () => {
      if (document.querySelector('math')) await document.fonts.load('16px "Noto Sans Math"', '\u{1d465}');
    });
    await drawSkippedParts(page);
    const faces = await page.evaluate(() =>
      [...document.fonts].filter((face) => face.family.replaceAll('"', '') === 'Installed CJK Sans').map((face) => `${face.weight} ${face.status}`),
    );
    const traced = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
    await cdp.send('Tracing.end');
    await traced;
    await context.close();
    // The face matched this machine's Noto Sans CJK, as it would a reader's.
    expect(faces, `${path}: is Noto Sans CJK SC installed? (Debian: apt-get install fonts-noto-cjk)`).toContain('100 500 loaded');
    const byFamily = events.filter((event) => event.name === 'FontDataServiceImpl::MatchFamilyName').map((event) => event.args?.family_name ?? '');
    // The trace did see this page's lookups by family name: its Latin font's.
    expect(byFamily.length, path).toBeGreaterThan(0);
    expect(byFamily.filter((family) => CJK_FAMILY.test(family)), path).toEqual([]);
  }
});

test('fonts: the article loads only the math font, cut to its formulas, and no KaTeX; other pages no web font', async ({ page }) => {
  const article = await load(page, '');
  const fonts = article.filter((r) => r.type === 'font');
  expect(fonts.map((r) => new URL(r.url).pathname.split('/').pop())).toEqual([expect.stringMatching(/^noto-sans-math\.[\w-]+\.woff2$/)]);
  // The whole font is ~270 KB; the formulas use a few dozen of its 4,000 glyphs.
  expect(fonts[0]!.raw).toBeLessThanOrEqual(budget.mathFont);
  // No KaTeX stylesheet or font anywhere (the attention explorer's formulas are MathML too): none of
  // the stylesheets that hold up the article's first paint is KaTeX's (its fonts' names).
  expect(article.filter((r) => /katex/i.test(r.url)).map((r) => r.url)).toEqual([]);
  for (const file of pageAssets(rootSite.dir, rootSite.base, 'index.html').css) expect(readFileSync(file, 'utf8'), file).not.toContain('KaTeX_');
  expect(inlineStyles(readFileSync(join(rootSite.dir, 'index.html'), 'utf8'))).not.toContain('KaTeX_');

  for (const path of ['playground/', 'no-such-page/']) {
    const other = await load(page, path);
    const katex = other.filter((r) => /katex/i.test(r.url)).map((r) => r.url);
    expect(katex, path).toEqual([]);
    expect(other.filter((r) => r.type === 'font').map((r) => r.url), path).toEqual([]);
  }
});
