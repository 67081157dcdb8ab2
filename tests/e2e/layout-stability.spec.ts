import { expect, test } from '@playwright/test';
import { builtPages } from '../../scripts/site-files.mjs';
import { GOOD_CLS, shiftsWhileLoading, viewports } from './layout-shifts';
import { rootSite, siteUrl } from './sites.mjs';

// Without WebGPU, like most readers' phones: every page of the build.
const pages = builtPages(rootSite.dir);

test('the build has pages to measure', () => {
  expect(pages).toEqual(expect.arrayContaining(['', 'playground/', 'playground/arena/', 'playground/tokenizer/', 'playground/models/']));
});

for (const viewport of viewports) {
  for (const path of pages) {
    test(`${viewport.name}: /${path} does not shift while it loads`, async ({ page }) => {
      const { total, shifts } = await shiftsWhileLoading(page, siteUrl(rootSite) + path, viewport);
      expect(total, `layout shifts: ${JSON.stringify(shifts)}`).toBeLessThanOrEqual(GOOD_CLS);
    });
  }
}
