import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { mountEveryIsland, openSettled } from './open-settled';
import { rootSite, siteUrl, subSite } from './sites.mjs';

// The default project: Chromium with navigator.gpu but no adapter, as on many phones and on
// desktops with hardware acceleration off; "no navigator.gpu at all" (older Safari, Firefox on
// Android) is made by deleting it before the page runs. What the reader must always get: one calm
// notice that fits the device, links to what works right now, and what the demo would offer.

const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
};

const withoutNavigatorGpu = () => {
  delete (Navigator.prototype as { gpu?: unknown }).gpu;
};

const fullNotice = (page: Page) => page.locator('.chat-capability[data-notice="full"]');

async function openIsland(page: Page, path: string, kind: 'chat' | 'arena'): Promise<Locator> {
  await openSettled(page, path);
  const root = page.locator(`[data-island-root="${kind}"]`);
  // Below the fold on a phone; it mounts when the reader comes near (its root has no height yet).
  await root.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await expect(root).toHaveAttribute('data-island-state', 'ready', { timeout: 30_000 });
  return root;
}

test('on the article’s FAQ page, its one GPU demo explains in full', async ({ page }) => {
  await openSettled(page, './faq/');
  await mountEveryIsland(page);
  await expect(page.locator('[data-island-root="chat"], [data-island-root="arena"]')).toHaveCount(1);
  await expect(fullNotice(page)).toHaveCount(1);
  await expect(page.locator('.chat-capability[data-notice="reference"]')).toHaveCount(0);
  await expect(fullNotice(page)).toContainText('硬件加速');
});

test('in the article, one notice explains; every other demo says so in one line that leads to it', async ({ page }) => {
  await openSettled(page, './');
  await mountEveryIsland(page);
  await expect(page.locator('[data-island-root="chat"], [data-island-root="arena"]')).toHaveCount(3);
  await expect(fullNotice(page)).toHaveCount(1);
  const references = page.locator('.chat-capability[data-notice="reference"]');
  await expect(references).toHaveCount(2);
  // No bold warning: not an error, most phones have no WebGPU.
  expect(await fullNotice(page).evaluate((e) => getComputedStyle(e).fontWeight)).toBe('400');

  const noticeId = await fullNotice(page).getAttribute('id');
  for (const reference of await references.all()) {
    await expect(reference).toHaveText('这台设备不能用显卡运行这里的模型，原因和现在就能用的演示见本页的说明。');
    await expect(reference.getByRole('link', { name: '本页的说明' })).toHaveAttribute('href', `#${noticeId}`);
  }
  await references.last().getByRole('link', { name: '本页的说明' }).click();
  await expect(fullNotice(page)).toBeInViewport();
  await expect(fullNotice(page)).toContainText('硬件加速');
});

for (const site of [rootSite, subSite]) {
  test(`${site.base}: the notice's links lead to the CPU path, the tokenizer and the attention explorer`, async ({ page }) => {
    const root = await openIsland(page, siteUrl(site) + 'playground/', 'chat');
    const notice = root.locator('.chat-capability');
    await expect(notice).toHaveAttribute('data-notice', 'full');

    await notice.getByRole('link', { name: '用 CPU 运行小模型' }).click();
    await expect(root.getByRole('button', { name: '改用 CPU 运行' })).toBeInViewport();

    await notice.getByRole('link', { name: '分词器对比' }).click();
    await expect(page).toHaveURL(`${siteUrl(site)}playground/tokenizer/`);
    await expect(page.locator('[data-island-root="tokenizer"]')).toHaveAttribute('data-island-state', 'ready', { timeout: 30_000 });

    await page.goBack();
    await expect(root).toHaveAttribute('data-island-state', 'ready', { timeout: 30_000 });
    await root.locator('.chat-capability').getByRole('link', { name: '注意力权重演示' }).click();
    await expect(page).toHaveURL(`${siteUrl(site)}#attention-explorer`);
    const explorer = page.locator('[data-island-root="attention"]');
    await expect(explorer).toHaveAttribute('data-island-state', 'ready', { timeout: 30_000 });
    await expect(explorer).toBeInViewport();
  });
}

for (const viewport of [PHONE.viewport, { width: 1280, height: 800 }]) {
  test(`the arena page (${viewport.width} px) leads to its own CPU offer, in place`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const root = await openIsland(page, 'playground/arena/', 'arena');
    await root.locator('.chat-capability').getByRole('link', { name: '用 CPU 运行小模型' }).click();
    // Still the arena page: the offer under this arena, focused, with its button next in line.
    await expect(page).toHaveURL(/\/playground\/arena\/#arena-\d+-cpu$/);
    const offer = root.locator('.chat-cpu-offer');
    await expect(offer).toBeFocused();
    await expect(offer).toBeInViewport();
    await page.keyboard.press('Tab');
    await expect(offer.getByRole('button', { name: '改用 CPU 运行' })).toBeFocused();
    // The button starts the arena's CPU path right here.
    await page.keyboard.press('Enter');
    await expect(root.locator('.arena-island .chat-intro')).toContainText('CPU', { timeout: 30_000 });
    await expect(page).toHaveURL(/\/playground\/arena\//);
  });
}

test('on a desktop, the advice is about the browser: hardware acceleration and versions', async ({ page }) => {
  const root = await openIsland(page, 'playground/', 'chat');
  await expect(root.locator('.chat-capability-message')).toHaveText(/硬件加速.*更新到最新版本/);
});

test('on a phone, the advice names the mobile browsers with WebGPU, not desktop settings', async ({ browser }) => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const root = await openIsland(page, 'playground/', 'chat');
  const message = root.locator('.chat-capability-message');
  await expect(message).toContainText('Android 12 及以上系统的 Chrome 121 及以上版本');
  await expect(message).toContainText('iOS、iPadOS 26 上的 Safari');
  await expect(message).not.toContainText('硬件加速');
  // The open model table scrolls inside its box; the page itself never scrolls sideways.
  await expect(root.locator('.chat-model-overview tbody tr').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);
  await context.close();
});

test('with no navigator.gpu at all, the notice names browsers that have WebGPU and still offers the CPU path', async ({ page }) => {
  await page.addInitScript(withoutNavigatorGpu);
  const root = await openIsland(page, 'playground/', 'chat');
  const notice = root.locator('.chat-capability');
  await expect(notice.locator('.chat-capability-message')).toContainText('没有提供 WebGPU');
  await expect(notice.locator('.chat-capability-message')).toContainText('Safari 26');
  await notice.getByRole('link', { name: '用 CPU 运行小模型' }).click();
  await expect(root.getByRole('button', { name: '改用 CPU 运行' })).toBeInViewport();
});

test('the chat page still shows the models with their sizes, and the settings, read only; no answer is shown', async ({ page }) => {
  const root = await openIsland(page, 'playground/', 'chat');
  const overview = root.locator('.chat-model-overview');
  await expect(overview.locator('summary')).toHaveText(/有 WebGPU 时可以选的 \d+ 个模型（只读/);
  const rows = overview.locator('tbody tr');
  await expect(rows).toHaveCount(12);
  await expect(rows.filter({ hasText: 'Qwen2.5 0.5B Instruct' })).toHaveText(/^Qwen2.5 0.5B Instruct\s*\d+ MB\s*\d+ MB$/);
  await expect(rows.filter({ hasText: 'Llama 3.1 8B Instruct' })).toHaveText(/^Llama 3.1 8B Instruct\s*[\d.]+ GB\s*[\d.]+ GB$/);

  const settings = root.locator('.chat-settings');
  await expect(settings.locator('summary')).toContainText('只读');
  await settings.locator('summary').click();
  await expect(root.getByLabel('温度')).toBeDisabled();
  await expect(root.getByLabel('系统提示词')).toBeDisabled();

  await expect(root.getByRole('button', { name: '加载' })).toHaveCount(0);
  await expect(root.getByLabel('你的问题')).toBeHidden();
  await expect(root.locator('.chat-turn')).toHaveCount(0);
});

test('the arena page shows the models with their sizes and the round settings, read only; no answer is shown', async ({ page }) => {
  const root = await openIsland(page, 'playground/arena/', 'arena');
  const rows = root.locator('.chat-model-overview tbody tr');
  await expect(rows).toHaveCount(12);
  await expect(rows.first()).toBeVisible();

  const settings = root.locator('.chat-settings');
  await expect(settings.locator('summary')).toContainText('只读');
  await settings.locator('summary').click();
  await expect(root.getByLabel('温度')).toBeDisabled();
  await expect(root.getByLabel('随机种子')).toBeDisabled();

  await expect(root.getByRole('button', { name: '开始对比' })).toBeHidden();
  await expect(root.getByLabel('提示词（同时发给两个模型）')).toBeHidden();
  await expect(root.locator('.arena-columns')).toBeHidden();
});

async function withoutJavaScript(browser: Browser, path: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

test('with JavaScript off, each demo slot in the article says the demo needs JavaScript', async ({ browser }) => {
  const page = await withoutJavaScript(browser, './');
  for (const [path, slots] of [
    ['./', { chat: 2, arena: 1, tokenizer: 0 }],
    ['./faq/', { chat: 0, arena: 1, tokenizer: 1 }],
  ] as const) {
    await page.goto(path);
    for (const [kind, text] of [
      ['chat', '对话演示需要开启 JavaScript'],
      ['arena', '同题对比演示需要开启 JavaScript'],
      ['tokenizer', '分词器演示需要开启 JavaScript'],
    ] as const) {
      const notes = page.locator(`section[data-island="${kind}"] .needs-javascript`);
      await expect(notes, `${path} ${kind}`).toHaveCount(slots[kind]);
      for (const note of await notes.all()) {
        await expect(note).toBeVisible();
        await expect(note).toContainText(text);
      }
    }
    await expect(page.getByRole('button', { name: '加载' })).toHaveCount(0);
  }
  await page.context().close();
});

test('with JavaScript off, each playground demo page says so once', async ({ browser }) => {
  for (const path of ['playground/', 'playground/arena/', 'playground/tokenizer/']) {
    const page = await withoutJavaScript(browser, path);
    await expect(page.locator('.needs-javascript'), path).toHaveCount(1);
    await expect(page.locator('.needs-javascript'), path).toBeVisible();
    await page.context().close();
  }
});
