import { expect, test } from '@playwright/test';
import { MODEL_HOST } from './chat-network';
import { openSettled } from './open-settled';
import { CORS, launchWithoutLocalNetworkChecks, outsideServer, serveWithoutHeaders } from './outside-hosts';

// The CPU path (wllama) downloads its GGUF file from the page and from workers wllama starts
// from blob: URLs, so the page's <meta> policy governs every request, on a host that sends no
// policy header too; the refusal is told to the reader as a blocked source, not a network error.
// network-policy.webgpu.spec.ts does the same for the engine worker.

test('without a CSP header, the CPU path gets no request through a model host that redirects outside the allow-list, and says the source is blocked', async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const browser = await launchWithoutLocalNetworkChecks(playwright.chromium, { webgpu: false });
  const outside = await outsideServer();
  try {
    const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
    await serveWithoutHeaders(context, baseURL!);
    const redirected: string[] = [];
    // Every request to Hugging Face answers "302 Found" to the outside server.
    await context.route(
      (url) => MODEL_HOST.test(url.hostname),
      async (route) => {
        const href = route.request().url();
        redirected.push(href);
        await route.fulfill({ status: 302, headers: { ...CORS, location: `${outside.origin}/moved${new URL(href).pathname}` } });
      },
    );
    const page = await context.newPage();
    await openSettled(page, 'playground/');
    const root = page.locator('[data-island-root="chat"]');
    await expect(root).toHaveAttribute('data-island-state', 'ready', { timeout: 30_000 });
    await root.getByRole('button', { name: '改用 CPU 运行' }).click();
    await expect(root.locator('.chat-capability')).toHaveText(/用 CPU 运行/);
    await root.getByRole('button', { name: '加载' }).click();
    await expect(root.locator('.chat-error-message')).toContainText('安全设置不允许', { timeout: 60_000 });
    expect(redirected.length).toBeGreaterThan(0);
    expect(outside.received).toEqual([]);
    await expect(root.locator('.chat-error-details')).toContainText(/下载 https:\/\/huggingface\.co\/bartowski\/\S+\.gguf 时，下载源把请求转到了这些地方以外的网站/);
  } finally {
    await browser.close();
    await outside.close();
  }
});
