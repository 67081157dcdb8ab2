import { expect, test } from '@playwright/test';
import { builtPages } from '../../scripts/site-files.mjs';
import { watchPageHealth } from './page-health';
import { rootSite, siteUrl, subSite } from './sites.mjs';
import { openSettled } from './open-settled';

for (const site of [rootSite, subSite]) {
  const pages = builtPages(site.dir).filter((page) => page !== '404.html');

  test.describe(`site served at ${site.base}`, () => {
    test('the build has pages to check', () => {
      expect(pages).toContain('');
      expect(pages).toContain('playground/');
    });

    for (const path of pages) {
      test(`${site.base}${path} loads with no failed request and no console error`, async ({ page }) => {
        const health = watchPageHealth(page);
        const response = await openSettled(page, siteUrl(site) + path);
        expect(response?.status()).toBe(200);
        await expect(page.locator('main#main')).toBeVisible();
        expect(health.failedRequests).toEqual([]);
        expect(health.consoleErrors).toEqual([]);
        // Every same-origin request stays under the base path, so the site works in a sub-folder.
        const origin = new URL(siteUrl(site)).origin;
        const outside = health.requestedUrls.filter(
          (url) => url.startsWith(origin) && !new URL(url).pathname.startsWith(site.base),
        );
        expect(outside).toEqual([]);
      });
    }

    test('internal links and assets in the HTML point inside the base path', async ({ page }) => {
      for (const path of pages) {
        await page.goto(siteUrl(site) + path);
        const urls = await page.$$eval('a[href], link[href], script[src], img[src]', (elements) =>
          elements.map((element) => (element as HTMLAnchorElement).href || (element as HTMLScriptElement).src),
        );
        const origin = new URL(siteUrl(site)).origin;
        for (const url of urls.filter((u) => u.startsWith(origin))) {
          expect(new URL(url).pathname, `${url} on ${path}`).toMatch(new RegExp(`^${site.base}`));
        }
      }
    });
  });
}

test('the home page typesets its formulas at build time and highlights code with Shiki', async ({ page }) => {
  await page.goto(siteUrl(subSite));
  const main = page.locator('main');
  await expect(main.locator('.formula math').first()).toBeAttached();
  await expect(main.locator('.formula-display').first()).toBeVisible();
  expect(await main.locator('.katex-error').count()).toBe(0);
  const text = await main.innerText();
  expect(text).not.toContain('$$');
  expect(text).not.toMatch(/\\frac|\\mathrm/);
  const code = main.locator('pre.astro-code').first();
  await expect(code).toBeVisible();
  // Shiki colours tokens through CSS variables for both themes.
  expect(await code.locator('span[style*="--shiki-light"]').count()).toBeGreaterThan(3);
  // KaTeX is typeset at build time: no KaTeX JavaScript is shipped.
  const scripts = await page.$$eval('script[src]', (elements) => elements.map((e) => (e as HTMLScriptElement).src));
  expect(scripts.filter((src) => /katex/i.test(src))).toEqual([]);
  // The stylesheets (with the math font's @font-face) are self-hosted under the base path.
  const katexCss = await page.$$eval('link[rel=stylesheet]', (links) =>
    links.map((l) => (l as HTMLLinkElement).href).filter((href) => href.includes('/_astro/')),
  );
  expect(katexCss.length).toBeGreaterThan(0);
});
