import { expect, test, type Page } from '@playwright/test';

// The tokenizer download when the site's host misbehaves: a file that never arrives can be
// cancelled, gives up by itself with its own message, and 重试 then loads it.

const TOKENIZER_FILE = /\/_astro\/tokenizer\.[\w-]+\.json$/;
const island = (page: Page) => page.locator('[data-island-root="tokenizer"]');

async function startLoading(page: Page, stall: () => boolean): Promise<void> {
  await page.route(TOKENIZER_FILE, (route) => (stall() ? undefined : route.continue()));
  await page.goto('./playground/tokenizer/');
  await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
  await island(page).getByRole('button', { name: /^加载分词器/ }).click();
  await expect(island(page).locator('.tok-status')).toHaveText(/正在下载分词器：0\.00 MB/);
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
  test.setTimeout(90_000);
  await startLoading(page, () => true);
  const alert = island(page).getByRole('alert');
  await expect(alert).toContainText('分词器文件下载卡住了：20 秒没有收到任何数据', { timeout: 45_000 });
  await expect(island(page).getByRole('button', { name: '取消下载' })).toBeHidden();
  await expect(alert.getByRole('button', { name: '重试' })).toBeVisible();
});
