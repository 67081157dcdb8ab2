import { expect, test, type Page } from '@playwright/test';
import { MODEL_HOST } from './chat-network';
import { openSettled } from './open-settled';

// A host that answers mlc-chat-config.json with a 200 HTML page (a captive portal, a mirror's
// error page) gets that page stored in web-llm's cache: from then on every load reads it back
// without a request. The error must offer to delete the model's files, and the load that
// follows must go to the network again. Real web-llm worker on SwiftShader; the hosts are the test.

const island = (page: Page) => page.locator('[data-island-root="chat"]');

test('a config cached as an HTML page is deleted from the chat and fetched again', async ({ page, context }) => {
  let portal = true;
  const seen: string[] = [];
  await context.route(
    (url) => MODEL_HOST.test(url.hostname),
    async (route) => {
      const url = route.request().url();
      seen.push(url);
      if (portal && url.endsWith('/mlc-chat-config.json')) {
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><body>请先登录 Wi-Fi</body></html>' });
      } else {
        await route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' });
      }
    },
  );
  await openSettled(page, 'playground/');
  const chat = island(page);
  await expect(chat).toHaveAttribute('data-island-state', 'ready');
  await chat.getByRole('button', { name: '加载', exact: true }).click();

  const error = chat.locator('.chat-error');
  await expect(error.locator('.chat-error-message')).toHaveText(/返回了一个网页/, { timeout: 20_000 });
  await expect(error.locator('.chat-error-message')).not.toContainText(/SyntaxError|JSON|DOCTYPE/);
  // The browser's own words are one click away, under 技术细节.
  await expect(error.locator('.chat-error-details')).not.toHaveAttribute('open');
  await expect(error.locator('.chat-error-details')).toContainText('is not valid JSON');
  const configRequests = () => seen.filter((url) => url.endsWith('/mlc-chat-config.json')).length;
  expect(configRequests()).toBe(1);

  // The host is fixed (here: it now answers 404, which is the real state of this offline machine).
  portal = false;
  const repair = error.getByRole('button', { name: '删除这个模型已下载的文件并重新下载' });
  await expect(repair).toBeFocused();
  await repair.click();
  // The config is asked for again (and, here, answered 404): the cached page is gone.
  await expect(error.locator('.chat-error-message')).toHaveText(/^模型文件下载失败：下载源上没有这个文件/, { timeout: 20_000 });
  await expect(error.locator('.chat-error-details')).toContainText(/HTTP 404：.*mlc-chat-config\.json/);
  expect(configRequests()).toBeGreaterThan(1);
});
