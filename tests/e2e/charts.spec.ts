// The article's build-time charts and its 结论速览 summary, as a reader gets them: drawn without
// JavaScript, named for screen readers, drawing the data's numbers, inside the screen at 360 px
// and 1280 px, in the light and dark themes.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'yaml';

interface BenchmarkTable {
  id: string;
  sameEvaluator: boolean;
  rows: Array<{ scores: Array<number | string> }>;
}
const benchmarks = parse(readFileSync(new URL('../../src/content/benchmarks.yaml', import.meta.url), 'utf8')) as BenchmarkTable[];
const shownTables = benchmarks.filter((table) => table.sameEvaluator);
// On the text page: the GQA picture, four architecture dimensions and the builds' sizes; on the
// FAQ page: one chart per same-evaluator table and the token cost.
const chartPages = [
  { path: './', count: 1 + 4 + 1, pictures: ['#glance-chinese', '[data-chart="arch-gqa"]', '[data-chart="build-size-chart"]'] },
  { path: './faq/', count: shownTables.length + 1, pictures: ['[data-chart="bench-chart-q3tr-base"]', '[data-chart="token-cost-chart"]'] },
];

const charts = (page: Page) => page.locator('main figure[data-chart] svg[role="img"]');

test.use({ javaScriptEnabled: false });

for (const { path, count, pictures } of chartPages) {
  for (const width of [360, 1280])
    for (const colorScheme of ['light', 'dark'] as const)
      test(`${path}: charts at ${width} px, ${colorScheme}: visible, inside the screen, named, with their numbers`, async ({ page }, testInfo) => {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        await page.goto(path);
        await expect(charts(page)).toHaveCount(count);
        const clientWidth = await page.evaluate(() => document.documentElement.clientWidth);
        for (const svg of await charts(page).all()) {
          await svg.scrollIntoViewIfNeeded();
          await expect(svg).toBeVisible();
          const box = (await svg.boundingBox())!;
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(clientWidth);
          // Named by its <title> and described by a <desc> that reads out its numbers.
          const name = await svg.evaluate((element) =>
            element
              .getAttribute('aria-labelledby')!
              .split(' ')
              .map((id) => document.getElementById(id)?.textContent ?? '')
              .join(' '),
          );
          expect(name).toMatch(/\d/);
        }
        // Pictures for a person to look at (element screenshots wait for animation frames, which never
        // come with JavaScript off, so these clip the viewport instead).
        for (const selector of pictures) {
          const element = page.locator(selector);
          await element.scrollIntoViewIfNeeded();
          const box = (await element.boundingBox())!;
          const clip = { x: box.x, y: Math.max(0, box.y), width: box.width, height: Math.min(box.height, 900 - Math.max(0, box.y)) };
          await testInfo.attach(`${selector}-${width}-${colorScheme}`, { body: await page.screenshot({ clip }), contentType: 'image/png' });
        }
      });
}

test('each benchmark chart draws its table’s scores, from zero, in the table’s order', async ({ page }) => {
  await page.goto('./faq/');
  for (const table of shownTables) {
    // Each bar with the number printed after it: the numbers are the table's, and every bar starts
    // at zero and is as long as its number says.
    const bars = page.locator(`[data-chart="bench-chart-${table.id}"] rect.bar`);
    const drawn = await bars.evaluateAll((rects) =>
      rects.map((r) => ({ value: Number(r.nextElementSibling!.textContent), width: Number(r.getAttribute('width')), x: r.getAttribute('x') ?? '0' })),
    );
    expect(drawn.map(({ value }) => value)).toEqual(table.rows.flatMap((row) => row.scores.map(Number)));
    expect(drawn.every(({ x }) => x === '0')).toBe(true);
    const scale = Math.max(...drawn.map(({ width }) => width)) / Math.max(...drawn.map(({ value }) => value));
    expect(drawn.filter(({ value, width }) => Math.abs(width - value * scale) > 0.2)).toEqual([]);
    // the table the chart draws is on the page, and the caption links to it
    await expect(page.locator(`#bench-${table.id}`)).toHaveCount(1);
    await expect(page.locator(`[data-chart="bench-chart-${table.id}"] a[href="#bench-${table.id}"]`)).toHaveCount(1);
  }
});

test('families keep one colour each, and the colours follow the theme', async ({ page }) => {
  const fills = async () =>
    page.evaluate(() => {
      const fill = (selector: string) => getComputedStyle(document.querySelector(selector)!).fill;
      return { llama: fill('[data-chart="bench-chart-q3tr-base"] rect.family-llama'), qwen: fill('[data-chart="bench-chart-q3tr-base"] rect.family-qwen.shade-0') };
    });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./faq/');
  const light = await fills();
  expect(light.llama).not.toBe(light.qwen);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(fills).not.toEqual(light);
});

test('结论速览 is in the table of contents, right after the abstract, and every link of it leads somewhere on the site', async ({ page }) => {
  await page.goto('./');
  const heading = page.locator('main h2', { hasText: '结论速览' });
  await expect(heading).toHaveCount(1);
  await expect(page.locator('.toc a', { hasText: '结论速览' })).toHaveAttribute('href', `#${await heading.getAttribute('id')}`);
  const h2s = await page.locator('main .prose h2').allTextContents();
  expect(h2s[0]).toContain('结论速览');
  const links = await page.locator('.glance a:not(.cite-link)').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')!));
  expect(links.length).toBeGreaterThan(8);
  for (const href of links.filter((h) => h.startsWith('#'))) await expect(page.locator(href.replace(/^#(.*)$/, '[id="$1"]')), href).toHaveCount(1);
  for (const href of links.filter((h) => !h.startsWith('#'))) expect((await page.request.get(new URL(href, page.url()).href)).status(), href).toBe(200);
  // every claim carries its evidence label
  const claims = page.locator('.glance-item li');
  await expect(claims.first()).toBeVisible();
  for (const claim of await claims.all()) await expect(claim.locator('.evidence')).toHaveCount(1);
});
