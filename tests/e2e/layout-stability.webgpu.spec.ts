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
