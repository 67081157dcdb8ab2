import { expect, test } from '@playwright/test';
import { bundledThemes } from 'shiki';
import { builtPages } from '../../scripts/site-files.mjs';
import { codeThemes } from '../../src/lib/markdown/code-colours.mjs';
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

    test.describe('as the HTML has them', () => {
      // The links a page is sent with, resolved by the browser; its scripts would only add work.
      test.use({ javaScriptEnabled: false });

      test('internal links and assets in the HTML point inside the base path', async ({ page }) => {
        for (const path of pages) {
          await page.goto(siteUrl(site) + path, { waitUntil: 'domcontentloaded' });
          const urls = await page.$$eval('a[href], link[href], script[src], img[src]', (elements) =>
            elements.map((element) => (element as HTMLAnchorElement).href || (element as HTMLScriptElement).src),
          );
          const origin = new URL(siteUrl(site)).origin;
          expect(urls.filter((u) => u.startsWith(origin)).length, path).toBeGreaterThan(3);
          for (const url of urls.filter((u) => u.startsWith(origin))) {
            expect(new URL(url).pathname, `${url} on ${path}`).toMatch(new RegExp(`^${site.base}`));
          }
        }
      });
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
  // Shiki colours tokens through classes (src/lib/markdown/code-colours.mjs).
  expect(await code.locator('span[class]').count()).toBeGreaterThan(3);
  // KaTeX is typeset at build time: no KaTeX JavaScript is shipped.
  const scripts = await page.$$eval('script[src]', (elements) => elements.map((e) => (e as HTMLScriptElement).src));
  expect(scripts.filter((src) => /katex/i.test(src))).toEqual([]);
  // Its styles come with the page (no stylesheet file holds up the first paint), and the math
  // font they declare is self-hosted under the base path.
  const html = await (await page.request.get(siteUrl(subSite))).text();
  expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
  const mathFont = /@font-face\{font-family:Noto Sans Math;[^}]*url\(([^)]+\.woff2)\)/.exec(html)?.[1];
  expect(mathFont).toMatch(new RegExp(`^${subSite.base}_astro/`));
  const font = await page.request.get(new URL(mathFont!, siteUrl(subSite)).href);
  expect(font.status()).toBe(200);
  expect(font.headers()['content-type']).toBe('font/woff2');
});

/** "#d73a49" (or "#fff") as the rgb() the browser computes. */
const rgb = (hex: string) => {
  const digits = hex.slice(1).length === 3 ? [...hex.slice(1)].map((d) => d + d).join('') : hex.slice(1);
  return `rgb(${[0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)).join(', ')})`;
};

test('no page’s HTML has a style attribute: code colours are classes', async ({ request }) => {
  for (const path of builtPages(rootSite.dir)) {
    const html = await (await request.get(siteUrl(rootSite) + path)).text();
    expect(html.match(/<[a-z][^>]*\sstyle=[^>]*>/gi) ?? [], path).toEqual([]);
  }
});

test('code keeps both themes’ colours, through the theme toggle too', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openSettled(page, siteUrl(rootSite));
  const theme = async (variant: 'light' | 'dark') => {
    const { colors, tokenColors } = (await bundledThemes[codeThemes[variant]]()).default;
    return { keyword: rgb(tokenColors!.find((rule) => rule.scope === 'keyword')!.settings.foreground!), text: rgb(colors!['editor.foreground']!), background: rgb(colors!['editor.background']!) };
  };
  const block = page.locator('pre.astro-code[data-language="ts"]');
  const keyword = block.locator('span', { hasText: /^import$/ }).first();
  for (const variant of ['light', 'dark'] as const) {
    if (variant === 'dark') await page.locator('.theme-toggle').click();
    const expected = await theme(variant);
    await expect(keyword, variant).toHaveCSS('color', expected.keyword);
    await expect(block, variant).toHaveCSS('color', expected.text);
    await expect(block, variant).toHaveCSS('background-color', expected.background);
  }
});
