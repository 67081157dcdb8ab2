import { expect, test } from '@playwright/test';

test('the WebGPU configuration really has an adapter, without shader-f16', async ({ page }) => {
  await page.goto('./');
  const adapter = await page.evaluate(async () => {
    const found = await navigator.gpu?.requestAdapter();
    if (!found) return null;
    return { shaderF16: found.features.has('shader-f16'), maxBufferSize: found.limits.maxBufferSize };
  });
  expect(adapter).not.toBeNull();
  expect(adapter?.shaderF16).toBe(false);
  expect(adapter?.maxBufferSize).toBeGreaterThan(0);
});
