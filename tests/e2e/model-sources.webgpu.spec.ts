import { expect, test, type BrowserContext } from '@playwright/test';

/**
 * /playground/models/ in the built site, real web-llm in its worker, the model hosts answered
 * by the test. With hf-mirror.com chosen, no request may go to Hugging Face or GitHub.
 */

const MODEL = 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC';
const LIB = 'Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm';
const MIRROR_CONFIG = `https://hf-mirror.com/mlc-ai/${MODEL}/resolve/main/mlc-chat-config.json`;
const MIRROR_LIB = `https://cdn.jsdelivr.net/gh/mlc-ai/binary-mlc-llm-libs@main/web-llm-models/v0_2_86/base/${LIB}`;
const MODEL_HOSTS =
  /^https:\/\/(?:[^/]+\.)?(?:huggingface\.co|hf\.co|hf-mirror\.com)\/|^https:\/\/(?:raw\.githubusercontent\.com|cdn\.jsdelivr\.net)\//;

/** Records every request to a model host; answers 404 except for `serve`. */
async function answerModelHosts(context: BrowserContext, serve: Record<string, string> = {}): Promise<string[]> {
  const seen: string[] = [];
  await context.route(MODEL_HOSTS, async (route) => {
    const request = route.request();
    seen.push(`${request.method()} ${request.url()}`);
    const body = serve[request.url()];
    // The worker fetches cross-origin: without CORS headers even a 404 would look like a network failure.
    const headers = { 'access-control-allow-origin': '*', 'content-type': 'application/json' };
    await route.fulfill(body === undefined ? { status: 404, headers, body: 'Not found' } : { status: 200, headers, body });
  });
  return seen;
}

async function chooseMirrorAndDownload(page: import('@playwright/test').Page): Promise<void> {
  await page.goto('playground/models/');
  await page.locator('input[type=radio][value="hf-mirror"]').check();
  await expect(page.locator('.model-source-message')).toContainText('hf-mirror.com');
  await expect(page.locator('select')).toHaveValue(MODEL);
  await expect(page.locator('.download-plan-summary')).toContainText('需要下载约');
  await page.getByRole('button', { name: '下载到本机' }).click();
}

const hostOf = (line: string) => new URL(line.split(' ')[1]!).host;

test("the site's Content-Security-Policy lets the page offer the hf-mirror.com preset", async ({ page }) => {
  await page.goto('playground/models/');
  const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  // model-hosts.config.mjs builds connect-src; the mirror needs its weights and library folders there.
  expect(policy).toMatch(/connect-src[^;]* https:\/\/hf-mirror\.com\/mlc-ai\/[ ;]/);
  expect(policy).toMatch(/connect-src[^;]* https:\/\/cdn\.jsdelivr\.net\/gh\/mlc-ai\/binary-mlc-llm-libs@main\/[ ;]/);
  await expect(page.locator('input[type=radio][value="hf-mirror"]')).toBeEnabled();
});

test('hf-mirror.com: every model request goes to the mirror, and the error names the missing file', async ({ page, context }) => {
  const seen = await answerModelHosts(context);
  await chooseMirrorAndDownload(page);
  const failure = page.getByRole('alert');
  await expect(failure).toContainText('mlc-chat-config.json', { timeout: 60_000 });
  await expect(failure).toContainText('hf-mirror.com');
  await expect(failure).toContainText('HTTP 404');
  expect(seen).toContain(`GET ${MIRROR_CONFIG}`);
  expect(seen.map(hostOf).filter((host) => host !== 'hf-mirror.com')).toEqual([]);
});

test('hf-mirror.com: the library comes from jsDelivr, and a retry does not fetch the cached config again', async ({ page, context }) => {
  const seen = await answerModelHosts(context, {
    [MIRROR_CONFIG]: JSON.stringify({ tokenizer_files: ['tokenizer.json'], context_window_size: 4096 }),
  });
  await chooseMirrorAndDownload(page);
  const failure = page.getByRole('alert');
  await expect(failure).toContainText(LIB, { timeout: 60_000 });
  await expect(failure).toContainText('cdn.jsdelivr.net');
  expect(seen).toContain(`GET ${MIRROR_CONFIG}`);
  expect(seen).toContain(`GET ${MIRROR_LIB}`);
  expect([...new Set(seen.map(hostOf))].sort()).toEqual(['cdn.jsdelivr.net', 'hf-mirror.com']);

  seen.length = 0;
  await failure.getByRole('button', { name: /重试/ }).click();
  await expect(failure).toContainText(LIB, { timeout: 60_000 });
  expect(seen).toContain(`GET ${MIRROR_LIB}`);
  // web-llm found the config in its cache (webllm/config) and did not ask for it.
  expect(seen).not.toContain(`GET ${MIRROR_CONFIG}`);
});
