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

/** Each island's code, the chunk a page imports when the island comes near the viewport. */
const ISLAND_CODE = /\/_astro\/mount\.[^/]+\.js$/;

/**
 * Holds every request for an island's code until the page has painted its first content, the way
 * it arrives on a slow phone or a busy machine. Measured like this, a page that would jump when
 * its islands arrive late jumps on every run, whatever the speed of the machine running the test.
 * Returns how many requests were held.
 */
async function holdIslandCodeUntilPainted(page: Page): Promise<() => number> {
  let held = 0;
  await page.route(ISLAND_CODE, async (route) => {
    held++;
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    // And one whole frame on screen after it, so the page without its islands has been seen.
    await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
    await route.continue();
  });
  return () => held;
}

/**
 * True once what the visible islands start when they mount has landed: the islands report
 * ready (or failed), a download plan shows its figures, the model list has read the storage.
 */
function islandsSettled(): boolean {
  const onScreen = (element: Element) => {
    const box = element.getBoundingClientRect();
    return box.top < innerHeight && element.closest('[hidden]') === null;
  };
  const roots = [...document.querySelectorAll<HTMLElement>('[data-island-root]')].filter(onScreen);
  const mounted = roots.every((root) => root.dataset.islandState === 'ready' || root.dataset.islandState === 'failed');
  const planPending = [...document.querySelectorAll('.download-plan')].some((plan) => onScreen(plan) && plan.childElementCount === 0);
  const storagePending = [...document.querySelectorAll('.model-storage')].some((line) => line.textContent?.startsWith('正在查看'));
  return mounted && !planPending && !storagePending;
}

/**
 * Opens the page at the given size, with the islands' code arriving after the first paint, and
 * returns every layout shift from its first byte until the islands on screen have mounted and
 * shown what they fetch at mount (shifts right after input, such as the test's own, excluded).
 */
export async function shiftsWhileLoading(
  page: Page,
  url: string,
  viewport: { width: number; height: number },
): Promise<{ total: number; shifts: Shift[]; heldIslandCode: number }> {
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
  const heldIslandCode = await holdIslandCodeUntilPainted(page);
  await openSettled(page, url);
  await expect.poll(() => page.evaluate(islandsSettled)).toBe(true);
  // What the last change laid out is reported with the next frame.
  await page.evaluate(() => new Promise((framed) => requestAnimationFrame(() => requestAnimationFrame(framed))));
  const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: Shift[] }).layoutShifts);
  return { total: shifts.reduce((sum, shift) => sum + shift.value, 0), shifts, heldIslandCode: heldIslandCode() };
}
