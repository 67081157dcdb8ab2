import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { openSettled } from './open-settled';

// The built site as GitHub Pages serves it — no Content-Security-Policy header, so nothing but
// the engine worker's own allow-list governs the worker — with real web-llm on SwiftShader and
// every remote host answered by the test. (A redirect to another host is covered by
// tests/unit/network-guard.test.ts: Playwright cannot fulfil a cross-origin redirect that a
// CORS fetch follows.)

test.use({ serviceWorkers: 'block' });

const island = (page: Page) => page.locator('[data-island-root="chat"]');
const loadButton = (page: Page) => island(page).getByRole('button', { name: '加载', exact: true });
const CORS = { 'access-control-allow-origin': '*' };

/** Drops the headers _headers adds (the CSP above all), as a host that does not read that file. */
async function serveWithoutHeaders(context: BrowserContext, baseURL: string): Promise<void> {
  const origin = new URL(baseURL).origin;
  await context.route(
    (url) => url.origin === origin,
    async (route) => {
      const response = await route.fetch();
      const { 'content-security-policy': _csp, 'permissions-policy': _pp, ...headers } = response.headers();
      await route.fulfill({ response, headers });
    },
  );
}

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

test('a configuration file that never arrives ends in the stall message, and 重试 asks again', async ({ page, context, baseURL }) => {
  test.setTimeout(150_000);
  let stall = true;
  const seen = await answerRemoteHosts(context, baseURL!, () => stall);
  await openPlayground(page);
  await loadButton(page).click();
  await expect.poll(() => seen.length, { timeout: 20_000 }).toBeGreaterThan(0);
  const error = island(page).locator('.chat-error');
  await expect(error.locator('.chat-error-message')).toHaveText(/^下载模型的配置文件时卡住了：30 秒没有任何进展/, { timeout: 60_000 });
  const asked = seen.length;
  stall = false;
  await error.getByRole('button', { name: '重试', exact: true }).click();
  await expect(error.locator('.chat-error-message')).toHaveText(/下载失败/, { timeout: 30_000 });
  expect(seen.length).toBeGreaterThan(asked);
});
