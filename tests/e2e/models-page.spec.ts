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
