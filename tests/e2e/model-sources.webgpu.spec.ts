import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { openSettled } from './open-settled';
import { siteUrl, subSite } from './sites.mjs';
import { axe, describeViolations, wcagTags } from './axe';

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

/** Hugging Face and GitHub, as the network of many readers in mainland China sees them. */
const UNREACHABLE = /^(?:[^.]+\.)*(?:huggingface\.co|hf\.co|raw\.githubusercontent\.com)$/;

/** Hugging Face and GitHub, for every model. */
const huggingFaceUnreachable = (url: URL) => UNREACHABLE.test(url.hostname);

/** Records every request to a model host; answers 404 except for `serve`, and never the `unreachable` ones. */
async function answerModelHosts(
  context: BrowserContext,
  serve: Record<string, string> = {},
  unreachable: ((url: URL) => boolean) | null = null,
): Promise<string[]> {
  const seen: string[] = [];
  await context.route(MODEL_HOSTS, async (route) => {
    const request = route.request();
    seen.push(`${request.method()} ${request.url()}`);
    if (unreachable?.(new URL(request.url()))) {
      await route.abort('internetdisconnected');
      return;
    }
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

const hostsOf = (seen: readonly string[]) => [...new Set(seen.map(hostOf))].sort();

async function openIsland(page: Page, path: string, name: 'chat' | 'arena') {
  await openSettled(page, `${siteUrl(subSite)}${path}`);
  const island = page.locator(`[data-island-root="${name}"]`);
  await expect(island).toHaveAttribute('data-island-state', 'ready');
  await expect(island.locator('.chat-capability').first()).toHaveAttribute('data-ok', 'true');
  return island;
}

test('Hugging Face unreachable, chat: the error switches to hf-mirror.com and retries there, and the choice holds after a reload', async ({ page, context }) => {
  test.setTimeout(120_000);
  const seen = await answerModelHosts(context, {}, huggingFaceUnreachable);
  const chat = await openIsland(page, 'playground/', 'chat');
  await chat.getByRole('button', { name: '加载', exact: true }).click();

  const error = chat.locator('.chat-error');
  await expect(error.locator('.chat-error-message')).toHaveText(/^连不上模型下载源，模型没有下载下来/, { timeout: 60_000 });
  await expect(error.locator('.chat-error-details')).toContainText('连不上 huggingface.co');
  expect(hostsOf(seen)).toEqual(['huggingface.co']);
  const mirror = error.getByRole('button', { name: '改用 hf-mirror.com 镜像并重试' });
  await expect(mirror).toBeFocused();
  // The whole picker is one click away, under the site's base path.
  await expect(error.getByRole('link', { name: '选择其他下载源' })).toHaveAttribute('href', `${subSite.base}playground/models/#download-source`);

  seen.length = 0;
  await mirror.click();
  // The mirror answers (here with 404s): the retry went there, and nowhere else.
  await expect(error.locator('.chat-error-message')).toHaveText(/^模型文件下载失败/, { timeout: 60_000 });
  expect(seen).toContain(`GET ${MIRROR_CONFIG}`);
  expect(hostsOf(seen)).toEqual(['hf-mirror.com']);
  // On the mirror the error offers the way back instead.
  await expect(error.getByRole('button', { name: '改回 Hugging Face 并重试' })).toBeVisible();
  await expect(error.getByRole('button', { name: '改用 hf-mirror.com 镜像并重试' })).toBeHidden();

  await page.reload();
  await expect(chat).toHaveAttribute('data-island-state', 'ready');
  await expect(chat.locator('.chat-intro')).toContainText('hf-mirror.com');
  seen.length = 0;
  await chat.getByRole('button', { name: '加载', exact: true }).click();
  await expect(error.locator('.chat-error-message')).toHaveText(/^模型文件下载失败/, { timeout: 60_000 });
  expect(hostsOf(seen)).toEqual(['hf-mirror.com']);

  // The models page shows the same choice, where the error's link leads.
  await error.getByRole('link', { name: '选择其他下载源' }).click();
  await expect(page).toHaveURL(`${siteUrl(subSite)}playground/models/#download-source`);
  await expect(page.locator('input[type=radio][value="hf-mirror"]')).toBeChecked();
  await expect(page.locator('#download-source')).toBeInViewport();
});

test('Hugging Face unreachable, arena: both sides fail once, on one message, whose mirror button retries both on hf-mirror.com', async ({ page, context }) => {
  test.setTimeout(180_000);
  const seen = await answerModelHosts(context, {}, huggingFaceUnreachable);
  const arena = await openIsland(page, 'playground/arena/', 'arena');
  await arena.locator('textarea.arena-prompt').fill('你好');
  await arena.getByRole('button', { name: '开始对比' }).click();

  const shared = arena.locator('.arena-shared-error');
  await expect(shared.locator('.chat-error-message')).toHaveText(/^连不上模型下载源/, { timeout: 120_000 });
  // Said once: not again in either pane.
  await expect(arena.locator('.arena-side .chat-error')).toHaveCount(2);
  await expect(arena.locator('.arena-side .chat-error:visible')).toHaveCount(0);
  await expect(arena.getByText(/^连不上模型下载源/).filter({ visible: true })).toHaveCount(1);
  await expect(arena.locator('.arena-side-status')).toHaveText([/没有加载成功，原因和办法见上方/, /没有加载成功，原因和办法见上方/]);
  expect(hostsOf(seen)).toEqual(['huggingface.co']);
  const results = await axe(page)
    .include('[data-island-root="arena"]')
    .withTags(wcagTags)
    .analyze();
  expect(describeViolations(results)).toEqual([]);

  seen.length = 0;
  await shared.getByRole('button', { name: '改用 hf-mirror.com 镜像并重试' }).click();
  await expect(shared.locator('.chat-error-message')).toHaveText(/^模型文件下载失败/, { timeout: 120_000 });
  expect(hostsOf(seen)).toEqual(['hf-mirror.com']);
  const configs = seen.filter((line) => line.endsWith('/mlc-chat-config.json'));
  expect(configs.some((line) => /\/mlc-ai\/Qwen/.test(line)) && configs.some((line) => /\/mlc-ai\/Llama/.test(line))).toBe(true);
  expect(await page.evaluate((key) => localStorage.getItem(key), `${subSite.base}model-source`)).toBe('hf-mirror');
});

test('arena, each side failing its own way: the mirror button on one side retries both failed sides on hf-mirror.com', async ({ page, context }) => {
  test.setTimeout(180_000);
  // Hugging Face unreachable for the Qwen files only; the Llama files are missing there (404).
  const seen = await answerModelHosts(context, {}, (url) => huggingFaceUnreachable(url) && url.pathname.includes('/Qwen'));
  const arena = await openIsland(page, 'playground/arena/', 'arena');
  await arena.locator('textarea.arena-prompt').fill('你好');
  await arena.getByRole('button', { name: '开始对比' }).click();

  // Two different messages: one in each pane, none shared.
  const sideWith = (message: RegExp) => arena.locator('.arena-side').filter({ has: page.locator('.chat-error-message', { hasText: message }) });
  const qwen = sideWith(/^连不上模型下载源/);
  await expect(qwen).toHaveCount(1, { timeout: 120_000 });
  await expect(sideWith(/^模型文件下载失败/)).toHaveCount(1, { timeout: 120_000 });
  await expect(arena.locator('.arena-shared-error')).toBeHidden();
  expect(hostsOf(seen)).toEqual(['huggingface.co']);

  seen.length = 0;
  await qwen.getByRole('button', { name: '改用 hf-mirror.com 镜像并重试' }).click();
  // The source is the site's: both sides that failed on Hugging Face now ask the mirror.
  await expect
    .poll(() => [...new Set(seen.filter((line) => line.endsWith('/mlc-chat-config.json')).map((line) => /\/mlc-ai\/(Qwen|Llama)/.exec(line)?.[1]))].sort(), {
      timeout: 120_000,
    })
    .toEqual(['Llama', 'Qwen']);
  expect(hostsOf(seen)).toEqual(['hf-mirror.com']);
  // Both now fail the same way on the mirror (404 here): one message, offering the way back.
  const shared = arena.locator('.arena-shared-error');
  await expect(shared.locator('.chat-error-message')).toHaveText(/^模型文件下载失败/, { timeout: 120_000 });
  await expect(shared.getByRole('button', { name: '改回 Hugging Face 并重试' })).toBeVisible();
});
