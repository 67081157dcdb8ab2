// The tokenizer demo as a reader meets it in the built site: the time from pressing 加载分词器 to
// "分词器已加载" (both tokenizer.json files fetched from the local server, parsed and built in the
// page's workers), in a fresh page each run. At full speed: Chromium's CPU throttle slows the
// page's main thread, not its workers, where most of this time goes. Printed by `npm run bench`,
// never asserted.

/** Median and every run of that time, in ms. */
export async function tokenizerIslandLoad(browser, url, { runs = 5 } = {}) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle' });
    const island = page.locator('[data-island-root="tokenizer"]');
    await island.and(page.locator('[data-island-state="ready"]')).waitFor();
    const pressed = performance.now();
    await island.getByRole('button', { name: /^加载分词器/ }).click();
    await island.locator('.tok-status').filter({ hasText: /分词器已加载/ }).waitFor({ timeout: 180_000 });
    times.push(performance.now() - pressed);
    await context.close();
  }
  return { median: [...times].sort((a, b) => a - b)[runs >> 1], times };
}
