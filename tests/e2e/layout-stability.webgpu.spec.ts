import { expect, test } from '@playwright/test';
import { GOOD_CLS, shiftsWhileLoading, viewports } from './layout-shifts';
import { rootSite, siteUrl } from './sites.mjs';

// With a WebGPU adapter the islands render their whole forms (model pickers, settings), which are
// far taller than the no-WebGPU message: the pages that hold them must not jump either.
for (const viewport of viewports) {
  for (const path of ['', 'playground/', 'playground/arena/', 'playground/models/']) {
    test(`${viewport.name}, WebGPU: /${path} does not shift while it loads`, async ({ page }) => {
      const { total, shifts } = await shiftsWhileLoading(page, siteUrl(rootSite) + path, viewport);
      expect(total, `layout shifts: ${JSON.stringify(shifts)}`).toBeLessThanOrEqual(GOOD_CLS);
    });
  }
}

// The arena page's island starts at mid-screen on a laptop and grows to more than a screen: when
// its code arrived after the first paint, the links and the footer below it jumped twice (CLS
// 0.04, under the bound above). The page holds the island's room from the first paint instead.
test('laptop, WebGPU: the arena island arriving after the first paint moves nothing', async ({ page }) => {
  const laptop = viewports.find((viewport) => viewport.name === 'laptop')!;
  const { shifts, heldIslandCode } = await shiftsWhileLoading(page, `${siteUrl(rootSite)}playground/arena/`, laptop);
  expect(heldIslandCode, 'the island code was held back until after the first paint').toBeGreaterThan(0);
  expect(shifts).toEqual([]);
});
