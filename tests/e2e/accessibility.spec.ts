// WCAG 2.2 AA and axe's best practices on every page of the sitemap, in both colour schemes, and
// the site chrome by keyboard alone (skip link, theme toggle, table of contents).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { rootSite, siteUrl } from './sites.mjs';
import { mountEveryIsland, openSettled } from './open-settled';
import { recordThemeAtFirstPaint, themeAtFirstPaint } from './theme-at-first-paint';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The sitemap's pages (under the build's SITE_URL) as paths below the base, plus the 404 page. */
function sitemapPages(): string[] {
  const sitemap = readFileSync(join(rootSite.dir, 'sitemap-0.xml'), 'utf8');
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname.slice(rootSite.base.length));
  return [...paths, 'no-such-page/'];
}

/** Mounts every lazy island, then returns to the top. */
async function mountIslands(page: Page) {
  await mountEveryIsland(page);
  await page.evaluate(() => scrollTo(0, 0));
}

function describeViolations(results: Awaited<ReturnType<AxeBuilder['analyze']>>) {
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1]?.trim()}`),
  }));
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${colorScheme} theme`, () => {
    test.use({ colorScheme });
    for (const path of sitemapPages()) {
      test(`${rootSite.base}${path} has no violations`, async ({ page }) => {
        // The article is long (about 15,000 elements with its typeset formulas): axe needs time there.
        test.setTimeout(180_000);
        await openSettled(page, siteUrl(rootSite) + path);
        await mountIslands(page);
        const results = await new AxeBuilder({ page }).withTags(tags).analyze();
        expect(describeViolations(results)).toEqual([]);
      });
    }
  });
}

test.describe('by keyboard alone', () => {
  test('the first Tab reaches the skip link, and Enter moves focus to the main content', async ({ page }) => {
    await page.goto(siteUrl(rootSite));
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip-link');
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();
    // The next Tab continues inside the main content, not back at the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
  });

  test('the theme toggle works by keyboard and the choice is applied before first paint on reload', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await recordThemeAtFirstPaint(page);
    await page.goto(siteUrl(rootSite));
    const toggle = page.locator('.theme-toggle');
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    // Tab to the toggle as a reader would.
    for (let i = 0; i < 10 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(toggle).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.keyboard.press('Space');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.keyboard.press('Space');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

    await page.reload();
    expect(await themeAtFirstPaint(page)).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(darkBackground);
    // The script that applies it is the first thing in <head>, ahead of every stylesheet.
    const firstInHead = await page.evaluate(() => {
      const first = document.head.querySelector('script, link[rel="stylesheet"], style');
      return first?.tagName === 'SCRIPT' && !first.hasAttribute('src') && first.textContent!.includes('localStorage');
    });
    expect(firstInHead).toBe(true);
  });

  test('table of contents links are reachable by Tab and follow to their section', async ({ page }) => {
    await page.goto(siteUrl(rootSite));
    let focusedToc = false;
    for (let i = 0; i < 20 && !focusedToc; i++) {
      await page.keyboard.press('Tab');
      focusedToc = await page.evaluate(() => Boolean(document.activeElement?.closest('.toc a')));
    }
    expect(focusedToc).toBe(true);
    const href = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href')!);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`${encodeURI(href).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await expect(page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`)).toBeInViewport();
  });

  test('on a phone the folded table of contents opens from the keyboard', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(siteUrl(rootSite));
    const summary = page.locator('.toc summary');
    for (let i = 0; i < 20 && !(await summary.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(summary).toBeFocused();
    await expect(page.locator('.toc a').first()).toBeHidden();
    await page.keyboard.press('Enter');
    await expect(page.locator('.toc a').first()).toBeVisible();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.toc a')))).toBe(true);
  });
});
