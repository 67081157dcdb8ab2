// A browser command (it runs in the test runner, next to Playwright): Chromium's count of the
// layout objects in the page's renderer. Content the browser skips (content-visibility: auto, off
// screen) has none until it is laid out, so the count tells a test how much layout a frame built.
import type { BrowserCommand } from 'vitest/node';
import type {} from '@vitest/browser-playwright';

export const layoutObjects: BrowserCommand<[]> = async ({ context, page }) => {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const count = metrics.find((metric) => metric.name === 'LayoutObjects')?.value;
    if (count === undefined) throw new Error('Chromium reported no LayoutObjects metric');
    return count;
  } finally {
    await cdp.detach();
  }
};
