import { expect, test } from '@playwright/test';
import { recordTraffic } from './chat-network';
import { openSettled } from './open-settled';

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
