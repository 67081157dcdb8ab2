import { expect, type Page } from '@playwright/test';
import { openSettled } from './open-settled';

// Nothing on a page may jump while it loads: not the article when the table of contents folds on
// a phone, not the text below an island when the island's code arrives. Measured as Cumulative
// Layout Shift with the browser's own layout-shift entries; 0.1 is the bound web.dev calls good.
export const GOOD_CLS = 0.1;

export const viewports = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'laptop', width: 1280, height: 800 },
];

interface Shift {
  value: number;
  sources: string[];
}

/**
 * Opens the page at the given size and returns every layout shift from its first byte until its
 * islands on screen have mounted (shifts right after input, such as the test's own, excluded).
 */
export async function shiftsWhileLoading(page: Page, url: string, viewport: { width: number; height: number }): Promise<{ total: number; shifts: Shift[] }> {
  await page.setViewportSize(viewport);
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
  await openSettled(page, url);
  await expect
    .poll(() =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-island-root]')]
          .filter((root) => root.getBoundingClientRect().top < innerHeight)
          .every((root) => root.dataset.islandState === 'ready' || root.dataset.islandState === 'failed'),
      ),
    )
    .toBe(true);
  // A moment for what mounting starts (the WebGPU probe, the cache listing) to land.
  await page.waitForTimeout(1000);
  const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: Shift[] }).layoutShifts);
  return { total: shifts.reduce((sum, shift) => sum + shift.value, 0), shifts };
}
