import type { Page } from '@playwright/test';

/**
 * Records data-theme when <body> first exists, i.e. before anything of the page can be painted.
 * Call before navigating; read with themeAtFirstPaint() after each load.
 */
export async function recordThemeAtFirstPaint(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.body) return;
      (window as unknown as { themeAtBody: string | null }).themeAtBody = document.documentElement.dataset.theme ?? null;
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

export function themeAtFirstPaint(page: Page): Promise<string | null> {
  return page.evaluate(() => (window as unknown as { themeAtBody: string | null }).themeAtBody);
}
