import { expect, test, type Page } from '@playwright/test';
import { watchPageHealth } from './page-health';
import { rootSite, siteUrl, subSite } from './sites.mjs';
import { openSettled } from './open-settled';
import { GOOD_CLS, shiftsWhileLoading, viewports } from './layout-shifts';

// The island's own chunk and the KaTeX runtime it imports: neither may load before the figure is near.
const ISLAND_CHUNK = /\/_astro\/mount\.[\w-]+\.js$/;
const KATEX_CHUNK = /\/_astro\/katex\.[\w-]+\.js$/;
const FONT = /\.(woff2?|ttf|otf)$/;

const slot = (page: Page) => page.locator('section[data-island="attention"]');
const island = (page: Page) => page.locator('[data-island-root="attention"]');

/** The fonts Chromium drew a node's own text in (DevTools' "Rendered fonts"), by family name. */
async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((font) => font.familyName);
  } finally {
    await cdp.detach();
  }
}

/**
 * On a phone the sections far from the screen are skipped (content-visibility) and laid out at a
 * guessed height; once drawn, the parts around the figure take their real height and can move it
 * off screen again, as a reader scrolling there would see it move. Scroll until it stays in view.
 */
async function scrollToExplorer(page: Page): Promise<void> {
  await expect(async () => {
    await slot(page).scrollIntoViewIfNeeded();
    await expect(island(page)).toHaveAttribute('data-island-state', 'ready', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

for (const site of [rootSite, subSite]) {
  test(`${site.base}: the explorer's code is fetched only when section 4 comes near`, async ({ page }) => {
    const health = watchPageHealth(page);
    const paths = () => health.requestedUrls.map((url) => new URL(url).pathname);
    await openSettled(page, siteUrl(site));
    expect(paths().filter((path) => ISLAND_CHUNK.test(path) || KATEX_CHUNK.test(path))).toEqual([]);
    await expect(island(page)).not.toHaveAttribute('data-island-state');
    // Errors while the page itself loads are site-health.spec.ts's business; these are the island's.
    const errorsBefore = health.consoleErrors.length;
    const failuresBefore = health.failedRequests.length;

    const chunk = page.waitForRequest((request) => ISLAND_CHUNK.test(new URL(request.url()).pathname));
    await slot(page).scrollIntoViewIfNeeded();
    expect(new URL((await chunk).url()).pathname.startsWith(`${site.base}_astro/`)).toBe(true);
    await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
    await expect(island(page).locator('figure[data-matrix="x"]')).toBeVisible();
    // Its formula is MathML, as the article's are, in the article's math font: ℝ is the Unicode
    // letter (browsers ignore mathvariant) and Chromium draws it in Noto Sans Math.
    const formula = island(page).locator('.attn-stage .attn-formula math');
    await expect(formula).toBeVisible();
    await expect(formula).toHaveCSS('font-family', /^"Noto Sans Math",/);
    const realNumbers = island(page).locator('.attn-stage math msup > mi').first();
    await expect(realNumbers).toHaveText('ℝ');
    await expect.poll(() => renderedFonts(page, '[data-island-root="attention"] .attn-stage math msup > mi')).toEqual(['Noto Sans Math']);
    expect(paths().some((path) => KATEX_CHUNK.test(path))).toBe(true);
    // KaTeX's JavaScript only: none of its stylesheet or fonts, only the page's own math font.
    expect(paths().filter((path) => /katex/i.test(path) && !KATEX_CHUNK.test(path))).toEqual([]);
    expect(paths().filter((path) => FONT.test(path) && !/\/noto-sans-math\.[\w-]+\.woff2$/.test(path))).toEqual([]);
    expect(health.failedRequests.slice(failuresBefore)).toEqual([]);
    expect(health.consoleErrors.slice(errorsBefore)).toEqual([]);
  });
}

test('keyboard only: Tab into the stepper, arrow keys step, then on into a heat map', async ({ page }) => {
  await page.goto('./');
  await scrollToExplorer(page);
  const root = island(page);
  await root.getByLabel(/^句子/).focus();
  let tabs = 0;
  while (!(await page.evaluate(() => Boolean(document.activeElement?.closest('.attn-stepper'))))) {
    expect(++tabs, 'Tab never reached the stepper').toBeLessThan(15);
    await page.keyboard.press('Tab');
  }
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('data-action', 'previous');
  expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');

  await page.keyboard.press('ArrowRight');
  await expect(root.locator('.attn-step-counter')).toHaveText('第 2 / 9 步');
  await expect(root.locator('[aria-live="polite"]')).toHaveText(/^第 2 步，共 9 步：/);
  await expect(root.locator('figure[data-matrix="q"]')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(root.locator('.attn-stage')).toHaveAttribute('data-step', 'k');

  // Next, then the map's scroll box, then its cells: one Tab stop, arrow keys inside.
  await page.keyboard.press('Tab');
  await expect(focused).toHaveAttribute('data-action', 'next');
  await page.keyboard.press('Tab');
  await expect(focused).toHaveClass(/table-scroll/);
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await expect(root.locator('figure[data-matrix="k"] .attn-readout')).toHaveText(/^第 1 行「今」，第 2 列「2」：/);
});

test('on a 360 px phone the figure fits and wide maps scroll inside their own box', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('./');
  await scrollToExplorer(page);
  await island(page).getByLabel(/^句子/).fill('one two three four five six seven eight nine ten eleven twelve');
  await island(page).getByLabel('头数 h').selectOption('2');
  const next = island(page).getByRole('button', { name: '下一步' });
  for (let i = 0; i < 4; i++) await next.click();
  await expect(island(page).locator('.attn-stage')).toHaveAttribute('data-step', 'scores');
  await expect(island(page).locator('figure[data-matrix="scores"]')).toHaveCount(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const scroller = island(page).locator('figure[data-matrix="scores"] .table-scroll').first();
  await expect(scroller).toHaveAttribute('tabindex', '0');
  await expect(scroller).toHaveAttribute('aria-label', /可横向滚动/);
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
});

test('without JavaScript the corrected formulas stand and no empty island box is left', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(siteUrl(rootSite));
  for (const id of ['attention', 'causal-mask']) {
    const equation = page.locator(`#eq-${id}`);
    await expect(equation).toBeVisible();
    await expect(equation.locator('math')).toBeAttached();
  }
  await expect(slot(page).locator('.island-static table')).toBeVisible();
  await expect(island(page)).toBeHidden();
  await expect(island(page)).toHaveAttribute('hidden', '');
  await expect(slot(page).getByText('交互演示加载失败')).toBeHidden();
  await context.close();
});

test('if the island cannot load, the reader is told so', async ({ page }) => {
  await page.route(ISLAND_CHUNK, (route) => route.abort());
  await page.goto('./');
  await slot(page).scrollIntoViewIfNeeded();
  await expect(island(page)).toHaveAttribute('data-island-state', 'failed');
  await expect(slot(page).getByText('交互演示加载失败，请刷新页面重试。')).toBeVisible();
});

test('opened at the figure on a phone, what follows it does not jump while it goes in', async ({ page }) => {
  const phone = viewports.find((viewport) => viewport.name === 'phone')!;
  const url = `${siteUrl(rootSite)}#attention-explorer`;
  const { total, shifts, heldIslandCode } = await shiftsWhileLoading(page, url, phone);
  expect(heldIslandCode).toBeGreaterThan(0);
  await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
  expect(total, `layout shifts: ${JSON.stringify(shifts)}`).toBeLessThanOrEqual(GOOD_CLS);
});
