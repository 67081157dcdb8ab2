import { expect, type Page, type Response } from '@playwright/test';

/**
 * Opens a page and waits until it has settled: parsed, its scripts run, loaded, and then no
 * request for 500 ms. `goto(..., { waitUntil: 'networkidle' })` alone is not enough: the network
 * can fall idle while a long page is still being parsed (seen with the article on a busy
 * machine), before the islands' scripts have run.
 */
export async function openSettled(page: Page, url: string): Promise<Response | null> {
  const response = await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  return response;
}

/**
 * Brings every island of the page into view, one after another, and waits until each has
 * mounted: islands load their code only when the reader comes near them.
 */
export async function mountEveryIsland(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (const root of document.querySelectorAll<HTMLElement>('[data-island-root]')) {
      // An island's root has no height until it mounts, so it is scrolled to by script.
      root.scrollIntoView({ block: 'center' });
      // Marked as soon as it comes near; the islands then mount side by side.
      while (root.dataset.islandState === undefined) await new Promise(requestAnimationFrame);
    }
  });
  // The long article mounts several islands at once: on a loaded machine that takes a while.
  await expect(page.locator('[data-island-root]:not([data-island-state="ready"])')).toHaveCount(0, { timeout: 30_000 });
}

/**
 * Lays out and draws what the page skips while it is far off screen (content-visibility: auto:
 * the article's parts on a phone, an island's hidden panels), as if the reader had been there.
 */
export async function drawSkippedParts(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (const element of document.querySelectorAll<HTMLElement>('*')) {
      if (getComputedStyle(element).contentVisibility === 'auto') element.style.contentVisibility = 'visible';
    }
    await new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)));
  });
}
