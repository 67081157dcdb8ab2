// WCAG 2.2 AA and axe's best practices on every page of the sitemap, in both colour schemes, and
// the site chrome by keyboard alone (skip link, theme toggle, table of contents).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { inlineStyles } from '../../scripts/page-weight.mjs';
import { builtPages, pageHtmlFile } from '../../scripts/site-files.mjs';
import { axe, describeViolations, wcagTags } from './axe';
import { rootSite, siteUrl } from './sites.mjs';
import { mountEveryIsland, openSettled } from './open-settled';
import { recordThemeAtFirstPaint, themeAtFirstPaint } from './theme-at-first-paint';

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

/** Every stylesheet of the build: the CSS files, and each page's inline styles. */
function builtStylesheets(): Array<{ name: string; css: string }> {
  const files = readdirSync(rootSite.dir, { recursive: true, encoding: 'utf8' });
  return [
    ...files.filter((file) => file.endsWith('.css')).map((file) => ({ name: file, css: readFileSync(join(rootSite.dir, file), 'utf8') })),
    ...builtPages(rootSite.dir).map((page) => ({ name: pageHtmlFile(page), css: inlineStyles(readFileSync(join(rootSite.dir, pageHtmlFile(page)), 'utf8')) })),
  ];
}

// The rules whose results depend on colours: the only thing the dark theme changes, as the next
// test holds. Every rule runs in the light theme; these run again in the dark one.
const colourRules = ['color-contrast', 'link-in-text-block'];

test('the themes differ only in colours: no stylesheet asks for the colour scheme but to pick light-dark() colours', () => {
  const sheets = builtStylesheets();
  expect(sheets.length).toBeGreaterThan(5);
  for (const { name, css } of sheets) {
    expect(css, name).not.toContain('prefers-color-scheme');
    // The theme toggle's data-theme sets color-scheme, which picks each light-dark() colour.
    for (const [, rule] of css.matchAll(/\[data-theme[^{]*\{([^}]*)\}/g)) expect(rule!.replaceAll(/\s/g, ''), name).toMatch(/^color-scheme:(light|dark);?$/);
  }
});

const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

for (const path of sitemapPages()) {
  test(`${rootSite.base}${path} has no violations in the light theme, and no colour violations in the dark one`, async ({ page }) => {
    // The article is long (some 5,600 elements with its formulas): axe needs time there.
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: 'light' });
    await openSettled(page, siteUrl(rootSite) + path);
    await mountIslands(page);
    const light = await axe(page).withTags(wcagTags).analyze();
    expect(describeViolations(light)).toEqual([]);
    const lightBackground = await bodyBackground(page);

    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => bodyBackground(page)).not.toBe(lightBackground);
    const dark = await axe(page).withRules(colourRules).analyze();
    expect(describeViolations(dark)).toEqual([]);
    expect(dark.passes.map((rule) => rule.id)).toContain('color-contrast');
  });
}

/** "rgb(37, 99, 235)" as 0–255 channels. */
const channels = (css: string): number[] => css.match(/[\d.]+/g)!.slice(0, 3).map(Number);

/** WCAG 2.2 contrast ratio of two opaque colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = channels(css).map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** Hue in degrees, 0–360. */
function hue(css: string): number {
  const [r, g, b] = channels(css).map((v) => v / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const delta = max - Math.min(r, g, b);
  if (delta === 0) return 0;
  const h = max === r ? ((g - b) / delta) % 6 : max === g ? (b - r) / delta + 2 : (r - g) / delta + 4;
  return (h * 60 + 360) % 360;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the focus ring on a text area is not the error colour and stands out (≥ 3:1), ${colorScheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openSettled(page, siteUrl(rootSite) + 'playground/tokenizer/');
    const textarea = page.locator('textarea').first();
    await textarea.focus();
    await expect(textarea).toBeFocused();
    const seen = await textarea.evaluate((el) => {
      const style = getComputedStyle(el);
      const probe = (variable: string) => {
        // Custom properties come back as written: let the browser turn them into rgb().
        const span = document.createElement('span');
        span.style.color = `var(${variable})`;
        document.body.append(span);
        const rgb = getComputedStyle(span).color;
        span.remove();
        return rgb;
      };
      return {
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        outline: style.outlineColor,
        page: getComputedStyle(document.body).backgroundColor,
        errors: [probe('--mark-severe'), probe('--mark-major'), probe('--del')],
        dark: matchMedia('(prefers-color-scheme: dark)').matches,
      };
    });
    expect(seen.dark).toBe(colorScheme === 'dark');
    expect(seen.outlineStyle).toBe('solid');
    expect(seen.outlineWidth).toBeGreaterThanOrEqual(2);
    expect(contrast(seen.outline, seen.page)).toBeGreaterThanOrEqual(3);
    for (const error of seen.errors) {
      const apart = Math.abs(hue(seen.outline) - hue(error));
      expect(Math.min(apart, 360 - apart), `focus ${seen.outline} vs error ${error}`).toBeGreaterThan(60);
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
    // A toggle button: the name stays the same, aria-pressed carries the state for screen readers,
    // and a sighted reader sees it as 开/关.
    const state = toggle.locator('.theme-state');
    await expect(toggle).toHaveAccessibleName('深色模式');
    await expect(state).toBeVisible();
    await expect(state).toHaveText('关');
    // Tab to the toggle as a reader would.
    for (let i = 0; i < 10 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(toggle).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(state).toHaveText('开');
    await expect(toggle).toHaveAccessibleName('深色模式');
    const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.keyboard.press('Space');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(state).toHaveText('关');
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
