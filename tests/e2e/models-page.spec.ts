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
