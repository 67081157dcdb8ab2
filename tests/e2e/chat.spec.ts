import { expect, test, type Page } from '@playwright/test';
import { recordTraffic, requestsSoFarRecorded } from './chat-network';
import { watchPageHealth } from './page-health';
import { rootSite, siteUrl, subSite } from './sites.mjs';
import { openSettled } from './open-settled';
import { axe, describeViolations, wcagTags } from './axe';

// The default project: Chromium without WebGPU, like most readers' phones today. Real web-llm is
// in the build; these tests check that a reader without WebGPU never downloads it or any model.

const root = (page: Page) => page.locator('[data-island-root="chat"]');

for (const site of [rootSite, subSite]) {
  test(`${site.base}: in the article, the chat island loads near section 4.3 and says WebGPU is missing`, async ({
    page,
    context,
  }) => {
    const traffic = recordTraffic(context);
    const health = watchPageHealth(page);
    await openSettled(page, siteUrl(site));
    const slot = page.locator('section[data-island="chat"]').first();
    const island = slot.locator('[data-island-root="chat"]');
    await expect(island).not.toHaveAttribute('data-island-state');

    await slot.scrollIntoViewIfNeeded();
    await expect(island).toHaveAttribute('data-island-state', 'ready');
    const message = island.locator('.chat-capability');
    await expect(message).toHaveAttribute('data-ok', 'false');
    // Headless Chromium without the flag has navigator.gpu but no adapter; other browsers lack WebGPU.
    await expect(message).toHaveText(/没有提供 WebGPU|没有找到可用的显卡/);
    await expect(message).toContainText('请');
    await expect(island.getByRole('button', { name: '加载' })).toBeHidden();
    await expect(island.locator('.chat-picker')).toBeHidden();
    // The article's own static text for the case is still there.
    await expect(slot.locator('.island-static')).toContainText('今天天气很好，适合出去玩。');

    await page.waitForLoadState('networkidle');
    expect(traffic.workerRequests()).toEqual([]);
    expect(traffic.modelRequests()).toEqual([]);
    expect(await traffic.largeScripts()).toEqual([]);
    expect(health.failedRequests).toEqual([]);
    expect(health.consoleErrors).toEqual([]);
  });
}

test('the playground page hosts the chat island, explains privacy, links back, and downloads nothing', async ({
  page,
  context,
}) => {
  const traffic = recordTraffic(context);
  const health = watchPageHealth(page);
  await openSettled(page, 'playground/');
  await expect(page).toHaveTitle(/Qwen 与 Llama 3/);
  const main = page.locator('main');
  await expect(main.locator('h1')).toHaveText(/在浏览器里试一试/);
  await expect(main).toContainText('对话内容不会');
  await expect(main.getByRole('link', { name: '返回文章' })).toHaveAttribute('href', '/');

  await expect(root(page)).toHaveAttribute('data-island-state', 'ready');
  await expect(root(page).locator('.chat-capability')).toHaveText(/WebGPU|显卡/);
  // The reader is told through the polite status line too.
  await expect(root(page).locator('[role="status"][aria-live="polite"]')).toHaveText(/WebGPU|显卡/);
  await requestsSoFarRecorded(page);
  expect(traffic.workerRequests()).toEqual([]);
  expect(traffic.modelRequests()).toEqual([]);
  expect(traffic.urls().filter((url) => /huggingface\.co|raw\.githubusercontent\.com/.test(url))).toEqual([]);
  expect(await traffic.largeScripts()).toEqual([]);
  expect(health.consoleErrors).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`both chat islands in the article pass axe (WCAG 2.2 AA), ${colorScheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('./');
    const roots = page.locator('[data-island-root="chat"]');
    await expect(roots).toHaveCount(2);
    // One island at a time: the first one growing as it mounts moves the second, so scroll until
    // each has come near and mounted.
    for (const slot of await page.locator('section[data-island="chat"]').all()) {
      await expect(async () => {
        await slot.scrollIntoViewIfNeeded();
        await expect(slot.locator('[data-island-root="chat"]')).toHaveAttribute('data-island-state', 'ready', { timeout: 2_000 });
      }).toPass({ timeout: 20_000 });
    }
    const results = await axe(page)
      .include('[data-island-root="chat"]')
      .withTags(wcagTags)
      .analyze();
    expect(describeViolations(results)).toEqual([]);
  });
}

/** Opens the chat's and the arena's pages in turn, yielding each path once its island has started. */
async function* startedPlaygrounds(page: Page): AsyncGenerator<string> {
  for (const [path, island] of [
    ['playground/', 'chat'],
    ['playground/arena/', 'arena'],
  ] as const) {
    await openSettled(page, path);
    await expect(page.locator(`[data-island-root="${island}"]`).first()).toHaveAttribute('data-island-state', 'ready');
    yield path;
  }
}

test('the chat and the arena start without the Markdown renderer: it loads only with a model', async ({ page }) => {
  // marked builds its regular expressions when its module runs, a long task on a phone; nothing
  // needs it before a model's first answer.
  // Read as they arrive: a body is gone once the page navigates, or its worker has ended.
  const scripts: { url: string; text: Promise<string | null> }[] = [];
  const workerScripts = new Set<string>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push({ url: response.url(), text: response.text().catch(() => null) });
  });
  page.on('worker', (worker) => workerScripts.add(worker.url()));
  for await (const path of startedPlaygrounds(page)) {
    const read = await Promise.all(scripts.map(async ({ url, text }) => ({ url, source: await text })));
    // Only a worker's own script (the GPU probe's, ended once it answered) may be unreadable.
    expect(read.filter((script) => script.source === null && !workerScripts.has(script.url)), path).toEqual([]);
    const loaded = read.flatMap((script) => (script.source === null ? [] : [script.source]));
    expect(loaded.length, path).toBeGreaterThan(0);
    // marked's block lexer, by a method name that survives minification.
    expect(loaded.filter((source) => source.includes('blockTokens')).length, path).toBe(0);
  }
});
