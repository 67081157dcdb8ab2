import { expect, test } from '@playwright/test';
import { recordTraffic } from './chat-network';
import { openSettled } from './open-settled';
import { CACHE_NAME as TOKENIZER_CACHE } from '../../src/playground/tokenizer/file-cache.ts';

test('the models page lists an empty browser without downloading web-llm', async ({ page, context }) => {
  const traffic = recordTraffic(context);
  await openSettled(page, './playground/models/');
  // Nothing cached yet: the panel says so, and no engine worker (6 MB of web-llm) was fetched for it.
  await expect(page.locator('[data-models-part="manager"]')).toContainText(/没有|还没有/);
  expect(traffic.workerRequests()).toEqual([]);
  expect(traffic.modelRequests()).toEqual([]);
});

test('without WebGPU, "下载到本机" is disabled before any click, and says why', async ({ page }) => {
  await openSettled(page, './playground/models/');
  const start = page.getByRole('button', { name: '下载到本机' });
  await expect(start).toBeDisabled();
  await expect(start).toHaveAccessibleDescription(/^下载完要在显卡上试运行一次，需要 WebGPU，所以现在不能下载。/);
  await expect(page.getByText('需要 WebGPU，所以现在不能下载', { exact: false })).toBeVisible();
  // No failed download, so no retry or delete offers that mean nothing here.
  await expect(page.getByRole('button', { name: /重试|删除已下载的文件/ })).toHaveCount(0);
});

test('自定义地址 in the built site: an address without https:// is accepted, another is refused in plain words', async ({ page }) => {
  await openSettled(page, './playground/models/');
  const message = page.locator('.model-source-message');
  await page.getByRole('radio', { name: '自定义地址' }).check();
  const field = page.getByRole('textbox', { name: '模型文件夹网址' });
  await expect(field).toHaveAttribute('placeholder', 'https://hf-mirror.com/mlc-ai/');
  await field.fill('hf-mirror.com/mlc-ai/');
  await page.getByRole('button', { name: '使用这个地址' }).click();
  await expect(message).toHaveText(/^已改用“hf-mirror\.com 镜像”/);
  await expect(page.getByRole('radio', { name: /hf-mirror\.com 镜像/ })).toBeChecked();

  await page.getByRole('radio', { name: '自定义地址' }).check();
  await field.fill('https://models.example.com/mlc/');
  await page.getByRole('button', { name: '使用这个地址' }).click();
  await expect(message).toHaveText(/^本站不能从这个地址下载模型。下载源提供的模型程序会在本页中运行/);
  await expect(message).toContainText('PUBLIC_EXTRA_MODEL_SOURCES');
  await expect(message).not.toContainText('已改用');
  await expect(field).toHaveAccessibleDescription(/本站不能从这个地址下载模型/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
});

test('the files the tokenizer demo kept are listed with their size, and 删除 removes them from the browser', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./playground/tokenizer/');
  const tokenizer = page.locator('[data-island-root="tokenizer"]');
  await expect(tokenizer).toHaveAttribute('data-island-state', 'ready');
  await tokenizer.getByRole('button', { name: /^加载分词器/ }).click();
  await expect(tokenizer.locator('.tok-status')).toHaveText(/分词器已加载/, { timeout: 45_000 });
  const kept = () => page.evaluate(async (name) => (await caches.has(name)) && (await (await caches.open(name)).keys()).length, TOKENIZER_CACHE);
  await expect.poll(kept).toBe(2);

  await openSettled(page, './playground/models/');
  const manager = page.locator('[data-models-part="manager"]');
  const row = manager.locator('.model-row[data-kind="tokenizer"]');
  await expect(row).toContainText('Qwen 和 Llama 3 的分词器文件');
  await expect(row.locator('.model-row-meta')).toHaveText(/^[\d.]+ MB · 已保存，离线也能使用/);
  await expect(manager.locator('.model-storage')).toContainText(/分词器文件占用 [\d.]+ MB/);
  await row.getByRole('button', { name: /^删除 Qwen 和 Llama 3 的分词器文件/ }).click();
  await expect(manager.locator('.model-status')).toContainText('已删除 Qwen 和 Llama 3 的分词器文件');
  await expect(row).toHaveCount(0);
  expect(await kept()).toBe(false);
});
