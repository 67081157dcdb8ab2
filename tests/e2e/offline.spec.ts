// Offline reading through the service worker, and its update path: a reader who visited once can
// reload the article with no network; when a new build is deployed, its worker takes over, the
// page says so, and the previous build's cache is deleted.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeServiceWorker } from '../../scripts/publish/integration.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { siteUrl, subSite } from './sites.mjs';
import { openSettled } from './open-settled';

test.use({ serviceWorkers: 'allow' });

const close = (server: Server) => new Promise((resolve) => server.close(resolve));
const builtVersion = (dir: string) => /"version":"([0-9a-f]+)"/.exec(readFileSync(join(dir, 'sw.js'), 'utf8'))![1]!;
const cachePrefix = `qwen-vs-llama3 ${subSite.base} `;

test('once visited, the article reads offline; a new build takes over and its old cache is deleted', async ({ browser }) => {
  test.setTimeout(90_000);
  // Two deployments of the sub-path build at one address: as built, then with a changed article.
  const work = mkdtempSync(join(tmpdir(), 'site-versions-'));
  const first = join(work, 'first');
  const second = join(work, 'second');
  cpSync(subSite.dir, first, { recursive: true });
  cpSync(subSite.dir, second, { recursive: true });
  const index = join(second, 'index.html');
  const marker = '<p id="second-build">第二版</p>';
  writeFileSync(index, readFileSync(index, 'utf8').replace(/(<main id="main"[^>]*>)/, `$1${marker}`));
  const secondVersion = writeServiceWorker(second, subSite.base).version;
  expect(secondVersion).not.toBe(builtVersion(first));

  let server = (await startServer({ dir: first, base: subSite.base, port: 0 })) as Server;
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}${subSite.base}`;
  // One reader per scenario: Chromium's offline emulation, once switched back on, does not always
  // reach the service worker's own update request, so no context goes offline and back.
  const visitOnce = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    // The visit that installs the worker stays uncontrolled; the reader's next page is served by it.
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(false);
    const ourCaches = () =>
      page.evaluate(async (prefix) => (await caches.keys()).filter((name) => name.startsWith(prefix)), cachePrefix);
    expect(await ourCaches()).toEqual([cachePrefix + builtVersion(first)]);
    return { context, page, ourCaches };
  };
  try {
    const offline = await visitOnce();
    await offline.context.setOffline(true);
    await offline.page.reload();
    expect(await offline.page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    await expect(offline.page.locator('article h1')).toContainText('Llama 3');
    await expect(offline.page.locator('.erratum')).not.toHaveCount(0);
    // Styled and typeset from the cache: the site's stylesheet and the math font are there.
    expect(await offline.page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('system-ui');
    await expect.poll(() => offline.page.evaluate(() => document.fonts.check('16px "Noto Sans Math"', '\u{1d465}'))).toBe(true);
    // The article's other pages too, though the reader has not opened them yet.
    const errata = { faq: 0, text: await offline.page.locator('.erratum').count() };
    await offline.page.locator('a[rel="next"]').click();
    await expect(offline.page.locator('article h1')).toHaveText('9. 附录：常见问题与解答');
    errata.faq = await offline.page.locator('.erratum').count();
    expect(errata.text + errata.faq).toBe(29);
    await offline.page.goto(`${url}errata/`);
    await expect(offline.page.locator('.errata-table tbody tr')).toHaveCount(29);
    await offline.page.goto(`${url}references/`);
    await expect(offline.page.locator('.references li').first()).toBeVisible();
    await offline.page.goto(`${url}playground/`);
    await expect(offline.page.locator('h1').first()).toBeVisible();
    await offline.context.close();

    const { context, page, ourCaches } = await visitOnce();
    await page.reload();
    await close(server);
    server = (await startServer({ dir: second, base: subSite.base, port })) as Server;
    // Pages come from the network first, so the new article shows at once; the new worker
    // installs beside it, takes over, deletes the old cache and tells the reader. When the
    // browser looks for a new worker is its own affair (under the test runner Chromium may wait
    // for minutes), so the test asks for the check at once.
    await page.goto(url);
    await expect(page.locator('#second-build')).toBeVisible();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.locator('.sw-update')).toContainText('新版本已就绪，刷新即可', { timeout: 15_000 });
    await expect.poll(ourCaches).toEqual([cachePrefix + secondVersion]);

    // The model page pulls in web-llm (megabytes of script) through the worker; it is not kept.
    await openSettled(page, `${url}playground/models/`);
    const largestKept = await page.evaluate(async (name) => {
      const cache = await caches.open(name);
      const sizes = await Promise.all((await cache.keys()).map(async (key) => (await (await cache.match(key))!.blob()).size));
      return Math.max(...sizes);
    }, cachePrefix + secondVersion);
    expect(largestKept).toBeLessThanOrEqual(2 * 1024 * 1024);

    await page.goto(url);
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('#second-build')).toBeVisible();
    await context.close();
  } finally {
    await close(server);
    rmSync(work, { recursive: true, force: true });
  }
});

test('pages are kept under their path, not their query; offline, an unknown address shows the 404 page', async ({ browser }) => {
  test.setTimeout(60_000);
  const server = (await startServer({ dir: subSite.dir, base: subSite.base, port: 0 })) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${subSite.base}`;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    // Served by the worker from now on: a tracking parameter and a share link.
    await page.goto(`${url}?fbclid=abc123`);
    await page.goto(`${url}playground/tokenizer/?text=${encodeURIComponent('分享的文字')}`);
    await expect(page.locator('[data-island-root="tokenizer"]')).toHaveAttribute('data-island-state', 'ready');
    const keys = () =>
      page.evaluate(async (prefix) => {
        const name = (await caches.keys()).find((n) => n.startsWith(prefix))!;
        return (await (await caches.open(name)).keys()).map((request) => request.url);
      }, cachePrefix);
    await expect.poll(keys).toContain(`${url}playground/tokenizer/`);
    expect((await keys()).filter((key) => key.includes('?'))).toEqual([]);

    await context.setOffline(true);
    await page.goto(`${url}playground/tokenizer/?text=${encodeURIComponent('另一段')}`);
    await expect(page.locator('[data-island-root="tokenizer"]')).toBeAttached();
    const response = await page.goto(`${url}no-such-page/`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1')).toHaveText('找不到这个页面');
  } finally {
    await context.close();
    await close(server);
  }
});

test('the worker leaves other origins, big files and other caches alone', async () => {
  const source = readFileSync(join(subSite.dir, 'sw.js'), 'utf8');
  const build = JSON.parse(/^const BUILD = (.*);$/m.exec(source)![1]!);
  expect(build.base).toBe(subSite.base);
  for (const url of build.precache) expect(url.startsWith(subSite.base), url).toBe(true);
  // Pages and what they need before interaction; never model libraries or data files.
  expect(build.precache).toContain(subSite.base);
  expect(build.precache.filter((url: string) => /\.(wasm|json|bin)$/.test(url))).toEqual([]);
  // The math font, which the article's inline styles declare, so its formulas are typeset offline
  // even if the reader reached them before the worker was in control.
  expect(build.precache).toContainEqual(expect.stringMatching(new RegExp(`^${subSite.base}_astro/noto-sans-math\\.[\\w-]+\\.woff2$`)));
  expect(source).toContain('url.origin !== worker.location.origin');
  expect(source).toMatch(/name\.startsWith\(prefix\)/);
});

test('the tokenizer, loaded on the visit that installed the worker, starts again offline', async ({ browser }) => {
  test.setTimeout(90_000);
  const server = (await startServer({ dir: subSite.dir, base: subSite.base, port: 0 })) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${subSite.base}playground/tokenizer/`;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const island = page.locator('[data-island-root="tokenizer"]');
    const loadAndCount = async () => {
      await expect(island).toHaveAttribute('data-island-state', 'ready');
      const load = island.getByRole('button', { name: /^加载分词器/ });
      // The files kept by the first visit may already be loading by themselves.
      if (await load.isVisible()) await load.click();
      await expect(island.locator('.tok-status')).toHaveText(/分词器已加载/, { timeout: 45_000 });
      await expect(island.locator('.tok-summary')).toHaveText(/^这段文字 Qwen 需要 \d+ 个 token/);
    };
    await page.goto(url);
    await loadAndCount();
    await page.evaluate(() => navigator.serviceWorker.ready);
    // The visit that installs the worker is not controlled by it: the island's code, and the
    // tokenizer's own worker, came from the network without passing through it.
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(false);
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => /\/_astro\/[^/]+\.js$/.test(name)),
    );
    expect(scripts.some((name) => /\/worker-[\w-]+\.js$/.test(name))).toBe(true);
    const kept = () =>
      page.evaluate(async (prefix) => {
        const name = (await caches.keys()).find((n) => n.startsWith(prefix));
        return name ? (await (await caches.open(name)).keys()).map((request) => request.url) : [];
      }, cachePrefix);
    await expect.poll(kept).toEqual(expect.arrayContaining(scripts));

    await context.setOffline(true);
    await page.reload();
    await loadAndCount();
    await expect(island.locator('.tok-error')).toBeHidden();
  } finally {
    await context.close();
    await close(server);
  }
});

test('the worker is registered once the islands a page opens with have mounted: starting it beside them made their start-up several times slower', async ({ page }) => {
  await page.addInitScript(() => {
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...args: Parameters<typeof register>) {
      const states = [...document.querySelectorAll<HTMLElement>('[data-island-root]')].map((root) => root.dataset.islandState ?? 'not started');
      (window as unknown as { islandsAtRegister: string[] }).islandsAtRegister = states;
      return register.apply(this, args);
    };
  });
  // Every page registers it (the browser keeps one registration); the call is what is watched.
  const islandsAtRegister = async (): Promise<string[]> => {
    const recorded = await page.waitForFunction(() => (window as unknown as { islandsAtRegister?: string[] }).islandsAtRegister);
    // waitForFunction resolves only once the value is there.
    return (await recorded.jsonValue()) as string[];
  };
  for (const path of ['playground/', 'playground/arena/', 'playground/tokenizer/']) {
    await page.goto(siteUrl(subSite) + path);
    expect(await islandsAtRegister(), path).toEqual(['ready']);
  }
  // A page whose islands are far below registers it as soon as it has loaded.
  await page.goto(siteUrl(subSite));
  const atRegister = await islandsAtRegister();
  expect(atRegister.length).toBeGreaterThan(0);
  expect(new Set(atRegister)).toEqual(new Set(['not started']));
});
