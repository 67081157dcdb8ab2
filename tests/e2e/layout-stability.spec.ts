import { expect, test, type Page } from '@playwright/test';
import { builtPages } from './built-pages';
import { openSettled } from './open-settled';
import { rootSite, siteUrl } from './sites.mjs';

// Nothing on a page may jump while it loads: not the article when the table of contents folds on
// a phone, not the text below an island when the island's code arrives. Measured as Cumulative
// Layout Shift with the browser's own layout-shift entries; 0.1 is the bound web.dev calls good.
const GOOD_CLS = 0.1;

interface Shift {
  value: number;
  sources: string[];
}

/** Starts recording layout shifts before the page's first byte (scrolls by the test excluded). */
async function recordShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: Shift[] = [];
    (window as unknown as { layoutShifts: Shift[] }).layoutShifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources: { node?: Node }[] })[]) {
        if (entry.hadRecentInput) continue;
        const sources = entry.sources.map(({ node }) => (node instanceof Element ? `${node.localName}.${[...node.classList].join('.')}` : String(node?.nodeName)));
        shifts.push({ value: entry.value, sources });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** Waits until every island on screen has mounted (or failed), then a moment for late layout. */
async function settleIslands(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-island-root]')]
          .filter((root) => root.getBoundingClientRect().top < innerHeight)
          .every((root) => root.dataset.islandState === 'ready' || root.dataset.islandState === 'failed'),
      ),
    )
    .toBe(true);
  await page.waitForTimeout(1000);
}

const viewports = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'laptop', width: 1280, height: 800 },
];

const pages = builtPages(rootSite.dir);

test('the build has pages to measure', () => {
  expect(pages).toEqual(expect.arrayContaining(['', 'playground/', 'playground/tokenizer/', 'playground/models/']));
});

for (const viewport of viewports) {
  for (const path of pages) {
    test(`${viewport.name}: /${path} does not shift while it loads`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await recordShifts(page);
      await openSettled(page, siteUrl(rootSite) + path);
      await settleIslands(page);
      const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: Shift[] }).layoutShifts);
      const total = shifts.reduce((sum, shift) => sum + shift.value, 0);
      expect(total, `layout shifts: ${JSON.stringify(shifts)}`).toBeLessThanOrEqual(GOOD_CLS);
    });
  }
}
