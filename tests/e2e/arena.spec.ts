import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { recordTraffic, requestsSoFarRecorded } from './chat-network';
import { watchPageHealth } from './page-health';
import { rootSite, siteUrl, subSite } from './sites.mjs';
import { openSettled } from './open-settled';
import { axe, describeViolations, wcagTags } from './axe';

// The default project: Chromium without WebGPU. The arena's own chunk is the only script that
// holds its vote-history key, which tells it apart from the other islands' mount chunks.
const ARENA_MARKER = 'arena-votes-v1';

const island = (page: Page) => page.locator('[data-island-root="arena"]');

/** Every script the context receives (page and service worker), with its text. */
function recordScripts(context: BrowserContext) {
  const scripts: Promise<{ url: string; text: string }>[] = [];
  context.on('response', (response) => {
    if (!/javascript/.test(response.headers()['content-type'] ?? '')) return;
    scripts.push(response.text().then((text) => ({ url: response.url(), text }), () => ({ url: response.url(), text: '' })));
  });
  return {
    arenaChunks: async () => (await Promise.all(scripts)).filter((s) => s.text.includes(ARENA_MARKER)).map((s) => s.url),
  };
}

/**
 * A WebGPU adapter that exists only for the capability check, so the whole arena form renders in
 * a browser without WebGPU. The page asks for the adapter in a worker of its own (probe-worker.ts):
 * its script is replaced by one that answers with this adapter. Nothing here could run a model;
 * no test presses 加载.
 */
async function pretendWebGpu(page: Page): Promise<void> {
  const GiB = 1024 ** 3;
  const environment = {
    isSecureContext: true,
    hasNavigatorGpu: true,
    mobile: false,
    adapter: {
      features: [],
      limits: {
        maxBufferSize: GiB,
        maxStorageBufferBindingSize: GiB,
        maxComputeWorkgroupStorageSize: 32768,
        maxStorageBuffersPerShaderStage: 10,
      },
      info: { vendor: 'test', architecture: 'none', description: 'capability check only' },
    },
  };
  // On the context, not the page: once the service worker controls the page, it fetches the script.
  await page.context().route(/\/_astro\/probe-worker-[\w-]+\.js$/, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: `postMessage(${JSON.stringify(environment)});` }),
  );
}

test('the arena page renders, says WebGPU is missing, and downloads neither web-llm nor any model', async ({ page, context }) => {
  const traffic = recordTraffic(context);
  const health = watchPageHealth(page);
  await openSettled(page, 'playground/arena/');
  await expect(page).toHaveTitle(/同题对比/);
  const main = page.locator('main');
  await expect(main.locator('h1')).toHaveText(/同题对比/);
  await expect(main.getByRole('link', { name: '返回文章' })).toHaveAttribute('href', '/');

  await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
  const message = island(page).locator('.chat-capability');
  await expect(message).toHaveAttribute('data-ok', 'false');
  // Headless Chromium without the flag has navigator.gpu but no adapter; other browsers lack WebGPU.
  await expect(message).toHaveText(/没有提供 WebGPU|没有找到可用的显卡/);
  await expect(island(page).locator('.chat-picker')).toBeHidden();
  await expect(island(page).getByRole('button', { name: '开始对比' })).toBeHidden();

  await requestsSoFarRecorded(page);
  expect(traffic.workerRequests()).toEqual([]);
  expect(traffic.modelRequests()).toEqual([]);
  expect(await traffic.largeScripts()).toEqual([]);
  expect(health.failedRequests).toEqual([]);
  expect(health.consoleErrors).toEqual([]);
});

for (const [path, where, staticText] of [
  ['./', '6.3, on the text page', '同一个提示词'],
  ['./faq/', '9.2, on the FAQ page', '竞技场评测'],
] as const) {
  test(`in the article, the arena of ${where} loads only when the reader nears it, then says WebGPU is missing`, async ({ page, context }) => {
    const traffic = recordTraffic(context);
    const scripts = recordScripts(context);
    await openSettled(page, path);
    await requestsSoFarRecorded(page);
    expect(await scripts.arenaChunks()).toEqual([]);
    const slot = page.locator('section[data-island="arena"]');
    await expect(slot).toHaveCount(1);
    const root = slot.locator('[data-island-root="arena"]');
    await expect(root).not.toHaveAttribute('data-island-state');

    await slot.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-island-state', 'ready');
    expect((await scripts.arenaChunks()).length).toBeGreaterThan(0);
    await expect(root.locator('.chat-capability')).toHaveAttribute('data-ok', 'false');
    await expect(slot.locator('.island-static')).toContainText(staticText);
    // With the page's other islands: every id is still unique (labels and ARIA references depend on it).
    const duplicateIds = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
      return ids.filter((id, index) => ids.indexOf(id) !== index);
    });
    expect(duplicateIds).toEqual([]);

    await page.waitForLoadState('networkidle');
    expect(traffic.workerRequests()).toEqual([]);
    expect(traffic.modelRequests()).toEqual([]);
  });
}

test('with a WebGPU adapter the whole form renders; a shared link fills it and nothing starts', async ({ page, context }) => {
  const traffic = recordTraffic(context);
  await pretendWebGpu(page);
  await page.goto('playground/arena/?prompt=%E4%BD%A0%E5%A5%BD&seed=7&blind=1&qwen=Qwen2.5-3B-Instruct-q4f32_1-MLC');
  await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
  await expect(island(page).getByLabel('提示词（同时发给两个模型）')).toHaveValue('你好');
  await expect(island(page).getByLabel('随机种子 seed')).toHaveValue('7');
  await expect(island(page).getByRole('checkbox', { name: /盲测/ })).toBeChecked();
  await expect(island(page).getByLabel('通义千问 Qwen')).toHaveValue('Qwen2.5-3B-Instruct-q4f32_1-MLC');
  await expect(island(page).getByRole('button', { name: '开始对比' })).toBeEnabled();
  // The address bar stays the link it was opened with until the reader changes something; then
  // it follows the form, the form's own values included.
  expect(new URL(page.url()).searchParams.get('prompt')).toBe('你好');
  await island(page).getByLabel('提示词（同时发给两个模型）').fill('你好吗');
  await expect.poll(() => new URL(page.url()).searchParams.get('prompt')).toBe('你好吗');
  expect(new URL(page.url()).searchParams.get('temperature')).toBe('0.65');
  expect(new URL(page.url()).searchParams.get('seed')).toBe('7');

  await requestsSoFarRecorded(page);
  expect(traffic.workerRequests()).toEqual([]);
  expect(traffic.modelRequests()).toEqual([]);
});

test(`${subSite.base}: the article's arena links to the arena page under the base path`, async ({ page }) => {
  await pretendWebGpu(page);
  await openSettled(page, siteUrl(subSite));
  const comparisonArena = island(page).first();
  // The root is empty (no height) until mounted, at the end of its section: scroll to it.
  await comparisonArena.evaluate((root) => root.scrollIntoView({ block: 'center' }));
  await expect(comparisonArena).toHaveAttribute('data-island-state', 'ready');
  const link = comparisonArena.locator('a.arena-share-link');
  const arenaPage = `${siteUrl(subSite)}playground/arena/`;
  await expect(link).toHaveAttribute('href', arenaPage);
  await comparisonArena.getByRole('button', { name: '推理（9.2 节） · English' }).click();
  await expect.poll(async () => (await link.getAttribute('href'))?.startsWith(`${arenaPage}?prompt=Apples`)).toBe(true);
  expect(new URL(page.url()).search).toBe('');
});

test('on a 360 px phone the arena fits the screen', async ({ page }) => {
  await pretendWebGpu(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('playground/arena/');
  // On a phone the notes on reading results come first; the reader scrolls down to the demo.
  await page.getByRole('heading', { name: '对比演示' }).scrollIntoViewIfNeeded();
  await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
  await expect(island(page).locator('.arena-columns')).toBeVisible();
  const [a, b] = await island(page).locator('.arena-side').all();
  // Stacked, not side by side.
  expect((await b!.boundingBox())!.y).toBeGreaterThan((await a!.boundingBox())!.y);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the full arena form passes axe (WCAG 2.2 AA), ${colorScheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await pretendWebGpu(page);
    await page.goto(`${siteUrl(rootSite)}playground/arena/`);
    await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
    await island(page).locator('.chat-settings summary').click();
    const results = await axe(page)
      .include('[data-island-root="arena"]')
      .withTags(wcagTags)
      .analyze();
    expect(describeViolations(results)).toEqual([]);
  });
}
