import { expect, test } from '@playwright/test';

test('the default browser configuration really has no WebGPU adapter', async ({ page }) => {
  await page.goto('./');
  const adapter = await page.evaluate(async () => {
    if (!('gpu' in navigator)) return 'no navigator.gpu';
    return (await navigator.gpu.requestAdapter()) === null ? null : 'adapter';
  });
  expect(adapter === null || adapter === 'no navigator.gpu').toBe(true);
});
