import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { openSettled } from './open-settled';
import { CORS, launchWithoutLocalNetworkChecks, outsideServer, serveWithoutHeaders } from './outside-hosts';

// The built site as GitHub Pages serves it — no Content-Security-Policy header, so only the pages'
// <meta> policy (which the engine worker, started from a blob: URL, runs under) and the worker's
// own allow-list govern the worker — with real web-llm on SwiftShader and every remote host
// answered by the test. The engine worker's requests are seen by the context's routes only (not
// the page's). A redirect that the worker's CORS fetch follows carries Access-Control-Allow-Origin
// itself (the Fetch standard checks each hop); one that leads to this machine also needs
// Chromium's Local Network Access checks off (outside-hosts.ts).

const island = (page: Page) => page.locator('[data-island-root="chat"]');
const loadButton = (page: Page) => island(page).getByRole('button', { name: '加载', exact: true });

/** Every request to any host but the site's: recorded, and answered 404 (or never, while `stall()`). */
async function answerRemoteHosts(context: BrowserContext, baseURL: string, stall: () => boolean = () => false) {
  const origin = new URL(baseURL).origin;
  const seen: string[] = [];
  await context.route(
    (url) => url.origin !== origin,
    async (route) => {
      seen.push(route.request().url());
      if (stall()) return; // never answered
      await route.fulfill({ status: 404, headers: CORS, body: 'Not found' });
    },
  );
  return seen;
}

async function openPlayground(page: Page): Promise<void> {
  await openSettled(page, 'playground/');
  await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
  await expect(island(page).locator('.chat-capability')).toHaveAttribute('data-ok', 'true');
}

const allowed = (href: string) =>
  /^https:\/\/(huggingface\.co\/mlc-ai\/|raw\.githubusercontent\.com\/mlc-ai\/binary-mlc-llm-libs\/|hf-mirror\.com\/mlc-ai\/|cdn\.jsdelivr\.net\/gh\/mlc-ai\/binary-mlc-llm-libs@main\/)/.test(href);

test('without a CSP header, a hostile source stored earlier is not used, and the models page warns about it', async ({ page, context, baseURL }) => {
  await serveWithoutHeaders(context, baseURL!);
  const seen = await answerRemoteHosts(context, baseURL!);
  await page.addInitScript(() => localStorage.setItem('model-source', 'https://evil.example/models/'));
  await openSettled(page, 'playground/models/');
  await expect(page.locator('.model-source-message')).toContainText('“https://evil.example/models/”不在本站允许的下载源之中');
  await expect(page.locator('input[type=radio][value="huggingface"]')).toBeChecked();

  await openPlayground(page);
  await loadButton(page).click();
  await expect(island(page).locator('.chat-error-message')).toHaveText(/下载失败/, { timeout: 30_000 });
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((href) => !allowed(href))).toEqual([]);
});

/**
 * The engine worker's waits of 30 s and more, ten times shorter: page.clock does not reach into a
 * worker, and a stall allowance need not be waited out in full to show what follows it.
 */
async function hurryEngineWorker(context: BrowserContext): Promise<() => number> {
  let hurried = 0;
  const hurry = 'const wait = setTimeout; globalThis.setTimeout = (run, ms, ...args) => wait(run, ms >= 30000 ? ms / 10 : ms, ...args);\n';
  await context.route(/\/_astro\/worker-[\w-]+\.js$/, async (route) => {
    const response = await route.fetch();
    const script = await response.text();
    const engine = script.includes('LoadStalledError');
    if (engine) hurried++;
    await route.fulfill({ response, body: engine ? hurry + script : script });
  });
  return () => hurried;
}

test('a configuration file that never arrives ends in the stall message, and 重试 asks again', async ({ page, context, baseURL }) => {
  test.setTimeout(90_000);
  let stall = true;
  const seen = await answerRemoteHosts(context, baseURL!, () => stall);
  const hurried = await hurryEngineWorker(context);
  await openPlayground(page);
  await loadButton(page).click();
  await expect.poll(() => seen.length, { timeout: 20_000 }).toBeGreaterThan(0);
  const error = island(page).locator('.chat-error');
  await expect(error.locator('.chat-error-message')).toHaveText(/^下载模型的配置文件时卡住了：30 秒没有任何进展/, { timeout: 20_000 });
  expect(hurried()).toBe(1);
  const asked = seen.length;
  stall = false;
  await error.getByRole('button', { name: '重试', exact: true }).click();
  await expect(error.locator('.chat-error-message')).toHaveText(/下载失败/, { timeout: 30_000 });
  expect(seen.length).toBeGreaterThan(asked);
});

for (const served of ['without a CSP header (GitHub Pages)', 'with the _headers policy (Netlify, Cloudflare Pages)']) {
  test(`${served}: an allowed model host that redirects outside the allow-list gets no request through, and the reader is told the source is blocked`, async ({ playwright, baseURL }) => {
    test.setTimeout(90_000);
    const browser = await launchWithoutLocalNetworkChecks(playwright.chromium, { webgpu: true });
    const outside = await outsideServer();
    try {
      const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
      if (served.startsWith('without')) await serveWithoutHeaders(context, baseURL!);
      const site = new URL(baseURL!).origin;
      const redirected: string[] = [];
      // Every file on the allowed hosts answers "302 Found" to the outside server, as a
      // compromised or misconfigured mirror could.
      await context.route(
        (url) => url.origin !== site && url.origin !== outside.origin,
        async (route) => {
          const href = route.request().url();
          if (!allowed(href)) return route.fulfill({ status: 404, headers: CORS, body: 'Not found' });
          redirected.push(href);
          await route.fulfill({ status: 302, headers: { ...CORS, location: `${outside.origin}/moved${new URL(href).pathname}` } });
        },
      );
      const page = await context.newPage();
      await openPlayground(page);
      await loadButton(page).click();
      await expect(island(page).locator('.chat-error-message')).toContainText('安全设置不允许', { timeout: 60_000 });
      expect(redirected.length).toBeGreaterThan(0);
      // The worker runs under the page's policy, which refuses the redirect before it is sent.
      expect(outside.received).toEqual([]);
      // The browser does not tell the page where a refused redirect led: the details say which
      // file was turned away, and what is allowed.
      const details = island(page).locator('.chat-error-details');
      await expect(details).toContainText(/下载 https:\/\/huggingface\.co\/mlc-ai\/\S+\/mlc-chat-config\.json 时，下载源把请求转到了这些地方以外的网站/);
      await expect(details).toContainText('huggingface.co/mlc-ai/');
    } finally {
      await browser.close();
      await outside.close();
    }
  });
}
