import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startServer } from '../../scripts/serve.mjs';
import { DOWNLOAD_STALL_MS } from '../../src/playground/tokenizer/download';
import { rootSite } from './sites.mjs';

// The tokenizer when things go wrong: a file that never arrives can be cancelled, gives up by
// itself with its own message, and 重试 then loads it; a failed tokenization and a reader offline
// are told what happened in Chinese.

const TOKENIZER_FILE = /\/_astro\/tokenizer\.[\w-]+\.json$/;
const island = (page: Page) => page.locator('[data-island-root="tokenizer"]');

async function startLoading(page: Page, stall: () => boolean): Promise<void> {
  await page.route(TOKENIZER_FILE, (route) => (stall() ? undefined : route.continue()));
  await page.goto('./playground/tokenizer/');
  await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
  await island(page).getByRole('button', { name: /^加载分词器/ }).click();
  await expect(island(page).locator('.tok-progress .progress-label')).toHaveText(/^下载分词器：0%（0 B \/ [\d.]+ MB）$/);
}

test('a stalled tokenizer download can be cancelled, and 重试 then loads it', async ({ page }) => {
  let stall = true;
  await startLoading(page, () => stall);
  await island(page).getByRole('button', { name: '取消下载' }).click();
  const alert = island(page).getByRole('alert');
  await expect(alert).toContainText('已取消下载分词器');
  const retry = alert.getByRole('button', { name: '重试' });
  await expect(retry).toBeFocused();
  stall = false;
  await retry.click();
  await expect(island(page).locator('.tok-status')).toHaveText(/分词器已加载/, { timeout: 45_000 });
});

test('a tokenizer download that stops arriving gives up with its own message', async ({ page }) => {
  // The page's clock is moved on past the time without data, rather than waited out.
  await page.clock.install();
  await startLoading(page, () => true);
  await page.clock.fastForward(DOWNLOAD_STALL_MS);
  const alert = island(page).getByRole('alert');
  await expect(alert).toContainText('分词器文件下载卡住了：20 秒没有收到任何数据');
  await expect(island(page).getByRole('button', { name: '取消下载' })).toBeHidden();
  await expect(alert.getByRole('button', { name: '重试' })).toBeVisible();
});

test('a tokenization that fails after loading is told in Chinese, with the raw error only under 技术细节, and 重试 recovers', async ({ page, context }) => {
  test.setTimeout(90_000);
  // The tokenizer worker, with its first tokenize request answered by an error as the real
  // worker would report one (the tokenizer library throwing in the middle of a text). The
  // worker's script is its own request, which only the context's routes see.
  await context.route(/\/_astro\/worker[-.][\w-]+\.js$/, async (route) => {
    const response = await route.fetch();
    const failFirst = `
      const tokenizeOnce = self.onmessage;
      let failed = false;
      self.onmessage = (event) => {
        if (event.data.type !== 'tokenize' || failed) return tokenizeOnce(event);
        failed = true;
        self.postMessage({ type: 'tokenize-failed', requestId: event.data.requestId, message: 'RangeError: Maximum call stack size exceeded' });
      };`;
    await route.fulfill({ response, body: `${await response.text()}\n${failFirst}` });
  });
  await page.goto('./playground/tokenizer/');
  await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
  await island(page).getByRole('button', { name: /^加载分词器/ }).click();

  const alert = island(page).getByRole('alert');
  await expect(alert.locator('.tok-error-text')).toHaveText('切分这段文字时出错了，没有得到结果。请点击“重试”；如果仍然出错，请刷新页面。', {
    timeout: 45_000,
  });
  // The browser's English is kept for whoever reports the problem, collapsed and out of sight.
  const details = alert.locator('details');
  await expect(details).not.toHaveAttribute('open');
  await expect(details.locator('summary')).toHaveText('技术细节');
  await expect(details).toContainText('RangeError: Maximum call stack size exceeded');
  await expect(alert.getByText('RangeError: Maximum call stack size exceeded')).toBeHidden();
  await expect(island(page)).not.toContainText('分词出错');
  await expect(island(page).locator('.tok-summary')).toHaveText('');

  await alert.getByRole('button', { name: '重试' }).click();
  await expect(island(page).locator('.tok-summary')).toHaveText(/^这段文字 Qwen 需要 \d+ 个 token/);
  await expect(alert).toBeHidden();
  await expect(island(page).locator('.tok-panel[data-family="qwen"] .tok')).not.toHaveCount(0);
});

// Offline: the article and this page are kept by the service worker once visited; the tokenizer
// files (tens of MB) are not, until the reader has downloaded them once.
test.describe('kept by the service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  test('offline, on the article’s FAQ page kept from one visit, the demo says it needs a connection rather than a refresh', async ({ page, context }) => {
    test.setTimeout(90_000);
    await page.goto('./faq/');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await context.setOffline(true);
    await page.reload();
    await island(page).evaluate((root) => root.scrollIntoView({ block: 'center' }));
    await expect(island(page)).toHaveAttribute('data-island-state', 'failed');
    const failed = page.locator('.tokenizer-failed');
    await expect(failed).toHaveText(/^分词器演示需要联网：它的程序和分词器文件还没有下载到这台设备上。连上网络后刷新本页即可使用。$/);
    await expect(failed).not.toContainText('请刷新页面重试');
  });

  test('offline, before the tokenizer files were ever downloaded, 加载 says they need a connection', async ({ page, context }) => {
    test.setTimeout(90_000);
    await page.goto('./playground/tokenizer/');
    await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
    await context.setOffline(true);
    await island(page).getByRole('button', { name: /^加载分词器/ }).click();
    const alert = island(page).getByRole('alert');
    await expect(alert.locator('.tok-error-text')).toHaveText(
      '这台设备现在没有联网，而分词器文件还没有下载过（下载一次之后会保存在浏览器里，离线也能用）。请连上网络后点击“重试”。',
    );
    await expect(alert.getByRole('button', { name: '重试' })).toBeVisible();
  });

  test('once downloaded, the tokenizers work offline, even from a host whose files expire from the HTTP cache', async ({ browser }) => {
    test.setTimeout(90_000);
    // GitHub Pages lets every file expire after 10 minutes; here they must be revalidated at once.
    const dir = mkdtempSync(join(tmpdir(), 'tokenizer-offline-'));
    cpSync(rootSite.dir, dir, { recursive: true });
    const headers = join(dir, '_headers');
    writeFileSync(headers, readFileSync(headers, 'utf8').replaceAll('public, max-age=31536000, immutable', 'no-cache'));
    const server = (await startServer({ dir, base: rootSite.base, port: 0 })) as Server;
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
    try {
      const page = await context.newPage();
      await page.goto('./playground/tokenizer/');
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.reload(); // now served through the service worker, which keeps the demo's code
      await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
      await island(page).getByRole('button', { name: /^加载分词器/ }).click();
      await expect(island(page).locator('.tok-status')).toHaveText(/分词器已加载/, { timeout: 45_000 });
      const keptFiles = () =>
        page.evaluate(async () => {
          const names = await caches.keys();
          const kept = await Promise.all(names.map(async (name) => (await (await caches.open(name)).keys()).map((request) => request.url)));
          return kept.flat().filter((url) => /\/tokenizer\.[\w-]+\.json$/.test(url)).length;
        });
      await expect.poll(keptFiles).toBe(2);

      await context.setOffline(true);
      await page.reload();
      await island(page).getByRole('button', { name: /^加载分词器/ }).click();
      await expect(island(page).locator('.tok-status')).toHaveText(/分词器已加载/, { timeout: 45_000 });
      await expect(island(page).locator('.tok-summary')).toHaveText(/^这段文字 Qwen 需要 \d+ 个 token/);
    } finally {
      await context.close();
      await new Promise((done) => server.close(done));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
