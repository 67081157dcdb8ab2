// Sites under sub-paths of one origin (project sites on <owner>.github.io) share localStorage:
// this site's keys carry its base path, and a theme stored by an older version under the bare key
// moves over — applied before first paint by the inline script, within the page's CSP.
import { expect, test } from '@playwright/test';
import { siteUrl, subSite } from './sites.mjs';
import { recordThemeAtFirstPaint, themeAtFirstPaint } from './theme-at-first-paint';

test('a theme under the old bare key is applied before first paint and moves to the base-path key', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.emulateMedia({ colorScheme: 'light' });
  await recordThemeAtFirstPaint(page);
  await page.goto(siteUrl(subSite));
  await expect(page.locator('.theme-toggle')).toBeVisible();
  // Another site on the origin, and an older version of this one, wrote bare keys.
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('theme', 'dark');
  });
  await page.reload();
  expect(await themeAtFirstPaint(page)).toBe('dark');
  const stored = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)])));
  expect(stored).toEqual({ [`${subSite.base}theme`]: 'dark' });

  // The toggle writes the prefixed key only.
  await page.locator('.theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await page.evaluate((key) => [localStorage.getItem(key), localStorage.getItem('theme')], `${subSite.base}theme`)).toEqual(['light', null]);
  expect(violations).toEqual([]);
});
