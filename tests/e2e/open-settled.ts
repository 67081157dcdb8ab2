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
  const islands = page.locator('[data-island-root]');
  const count = await islands.count();
  for (let i = 0; i < count; i++) {
    // An island's root has no height until it mounts, so scroll by script rather than by locator.
    await islands.nth(i).evaluate((root) => root.scrollIntoView({ block: 'center' }));
    // Seen: it started to load. The islands then mount side by side, not one after another.
    await expect(islands.nth(i)).toHaveAttribute('data-island-state', /./);
  }
  // The long article mounts several islands at once: on a loaded machine that takes a while.
  for (let i = 0; i < count; i++) await expect(islands.nth(i)).toHaveAttribute('data-island-state', 'ready', { timeout: 30_000 });
}
