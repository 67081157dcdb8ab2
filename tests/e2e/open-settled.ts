import type { Page, Response } from '@playwright/test';

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
