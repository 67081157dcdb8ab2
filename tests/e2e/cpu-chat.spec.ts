import { expect, test, type Locator, type Page } from '@playwright/test';
import { recordTraffic } from './chat-network';
import { openSettled } from './open-settled';
import { watchPageHealth } from './page-health';
import { serveTinyModel, tinyModel, tinyModelUrl, TINY_QWEN_BUILD } from './tiny-model-host';
import { formatBytes } from '../../src/playground/ui/bytes';
import { ENDLESS_REPLY, HOSTILE_HTML, REPLY, SPLIT_CHARACTER, answerText } from '../fixtures/tiny-gguf/scripts';

// The default project: Chromium without WebGPU. The chat offers the CPU path, and these tests run
// it for real: the built site, wllama (llama.cpp in WebAssembly) and a tiny Qwen-tokenizer model
// served as Hugging Face, whose answer the fixture chose token by token.

test.describe.configure({ timeout: 120_000 });

const island = (page: Page) => page.locator('[data-island-root="chat"]');

/** What the CPU path downloads; nothing of it may arrive before the reader asks. */
const CPU_PATH_FILE = /wllama|cpu-chat-engine|mount-cpu-chat|\.wasm$/;

async function chooseCpuPath(page: Page): Promise<Locator> {
  const root = island(page);
  // The island's code loads on demand; with two browsers and wllama busy on two cores that can be slow.
  await expect(root).toHaveAttribute('data-island-state', 'ready', { timeout: 30_000 });
  await root.getByRole('button', { name: '改用 CPU 运行' }).click();
  await expect(root.locator('.chat-capability')).toHaveText(/用 CPU 运行（单线程/);
  await root.getByLabel('模型与尺寸').selectOption('Qwen2.5 0.5B Instruct');
  await expect(root.getByLabel('量化版本')).toHaveValue(TINY_QWEN_BUILD);
  return root;
}

async function load(root: Locator): Promise<void> {
  await root.getByRole('button', { name: '加载' }).click();
  await expect(root.getByRole('button', { name: '已加载' })).toBeVisible({ timeout: 60_000 });
}

async function ask(root: Locator, question: string): Promise<Locator> {
  await root.getByLabel('你的问题').fill(question);
  await root.getByRole('button', { name: '发送' }).click();
  return root.locator('.chat-turn[data-role="assistant"]').last();
}

test('without WebGPU the chat offers the CPU path, downloads nothing of it before the click, then answers for real', async ({
  page,
  context,
}) => {
  const traffic = recordTraffic(context);
  const health = watchPageHealth(page);
  const host = await serveTinyModel(context, TINY_QWEN_BUILD, tinyModel('qwen', REPLY));
  await openSettled(page, 'playground/');
  await expect(island(page)).toHaveAttribute('data-island-state', 'ready', { timeout: 30_000 });
  await expect(island(page).locator('.chat-capability')).toHaveAttribute('data-ok', 'false');
  await expect(island(page).getByRole('button', { name: '改用 CPU 运行' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(traffic.urls().filter((url) => CPU_PATH_FILE.test(new URL(url).pathname))).toEqual([]);
  expect(host.requests).toEqual([]);

  const root = await chooseCpuPath(page);
  // No speed is claimed for a real model before this device measured one.
  const facts = root.locator('.chat-build-facts');
  await expect(facts).toContainText('生成速度本站没有测量过');
  await root.getByRole('button', { name: '加载' }).click();
  // Progress counts the bytes of the download.
  await expect(root.getByRole('button', { name: '已加载' })).toBeVisible({ timeout: 60_000 });
  expect(host.downloads()).toBe(1);
  // wllama's .wasm comes from this site, under a content-hashed name.
  expect(traffic.urls().filter((url) => /\/_astro\/wllama\.[\w-]+\.wasm$/.test(url))).toHaveLength(1);

  const answer = await ask(root, '你好');
  await expect(answer).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const text = answer.locator('.chat-answer');
  // The character sent as three byte tokens arrives whole.
  await expect(text).toContainText(`你好，${SPLIT_CHARACTER}界！`);
  await expect(text).not.toContainText('\uFFFD');
  // Markdown renders; the model's HTML stays text.
  await expect(text.locator('strong')).toHaveText('粗体');
  await expect(text.locator('code')).toHaveText('代码');
  await expect(text).toContainText(HOSTILE_HTML);
  await expect(text.locator('img')).toHaveCount(0);
  // Real figures from llama.cpp: every answer token plus the end-of-turn token.
  const metrics = answer.locator('.chat-metrics');
  await expect(metrics).toContainText('解码速度');
  await expect(metrics.locator('div', { hasText: '回答 token' }).locator('dd')).toHaveText(/^\d+$/);
  await expect(metrics.locator('div', { hasText: '解码速度' }).locator('dd')).toHaveText(/^[\d.,]+ token\/秒$/);
  // The picker now gives the speed measured here.
  await expect(facts).toContainText(/在你的设备上测得解码速度 [\d.]+ token\/秒（上一次回答）/);
  expect(health.consoleErrors).toEqual([]);
  expect(answerText(REPLY)).toContain(HOSTILE_HTML);
});

test('max tokens holds, 停止 stops a real generation, and 新对话 starts over', async ({ page, context }) => {
  await serveTinyModel(context, TINY_QWEN_BUILD, tinyModel('qwen', ENDLESS_REPLY));
  await openSettled(page, 'playground/');
  const root = await chooseCpuPath(page);
  await load(root);

  await root.locator('.chat-settings > summary').click();
  await root.getByLabel('最大生成长度（token）').fill('12');
  await root.getByLabel('最大生成长度（token）').blur();
  const capped = await ask(root, '写长一点');
  await expect(capped).toHaveAttribute('data-state', 'length', { timeout: 30_000 });
  await expect(capped.locator('.chat-metrics div', { hasText: '回答 token' }).locator('dd')).toHaveText('12');

  await root.getByLabel('最大生成长度（token）').fill('2000');
  await root.getByLabel('最大生成长度（token）').blur();
  const stopped = await ask(root, '一直写下去');
  await expect(stopped.locator('.chat-answer')).toContainText('粗体');
  await root.getByRole('button', { name: '停止' }).click();
  await expect(stopped).toHaveAttribute('data-state', 'stopped');
  const shown = await stopped.locator('.chat-answer').textContent();
  // Stopped for good: the answer is far from the 2000 tokens it was allowed.
  await expect(root.getByRole('button', { name: '发送' })).toBeEnabled();
  expect(await stopped.locator('.chat-answer').textContent()).toBe(shown);

  await root.getByRole('button', { name: '新对话' }).click();
  await expect(root.locator('.chat-turn')).toHaveCount(0);
  const fresh = await ask(root, '你好');
  await expect(fresh.locator('.chat-answer')).toContainText('你好，世界！');
  await root.getByRole('button', { name: '停止' }).click();
  await expect(root.locator('.chat-turn[data-role="assistant"]')).toHaveCount(1);
});

test('a reload loads the model from the browser cache without downloading it again', async ({ page, context }) => {
  const host = await serveTinyModel(context, TINY_QWEN_BUILD, tinyModel('qwen', REPLY));
  await openSettled(page, 'playground/');
  await load(await chooseCpuPath(page));
  expect(host.downloads()).toBe(1);

  await page.reload();
  const root = await chooseCpuPath(page);
  const before = host.requests.length;
  await load(root);
  expect(host.requests.slice(before)).toEqual([]);
  const answer = await ask(root, '你好');
  await expect(answer.locator('.chat-answer')).toContainText(`你好，${SPLIT_CHARACTER}界！`);
});

test('the models page lists the GGUF file a CPU load stored, with its size, and deleting it removes it from the browser', async ({
  page,
  context,
}) => {
  const model = tinyModel('qwen', REPLY);
  const host = await serveTinyModel(context, TINY_QWEN_BUILD, model);
  await openSettled(page, 'playground/');
  await load(await chooseCpuPath(page));

  await openSettled(page, 'playground/models/');
  const manager = page.locator('[data-models-part="manager"]');
  const row = manager.locator('.model-row', { hasText: 'Qwen2.5 0.5B Instruct · Q4_K_M' });
  await expect(row).toHaveAttribute('data-state', 'complete', { timeout: 30_000 });
  await expect(row.locator('.model-row-meta')).toHaveText(`${formatBytes(model.gguf.byteLength)} · 已完整下载`);
  await expect(manager.locator('.model-storage')).toContainText(`模型文件共占用 ${formatBytes(model.gguf.byteLength)}`);

  await row.getByRole('button', { name: /^删除/ }).click();
  await expect(manager.locator('.model-status')).toContainText('已删除 Qwen2.5 0.5B Instruct · Q4_K_M');
  await expect(manager.locator('.model-row')).toHaveCount(0);
  await expect(manager.locator('.model-manager-empty')).toBeVisible();

  // Gone from the browser, not just from the list: the chat downloads it again.
  await openSettled(page, 'playground/');
  await load(await chooseCpuPath(page));
  expect(host.downloads()).toBe(2);
});

test('取消加载 stops a stalled model download, and the reader can load again', async ({ page, context }) => {
  const host = await serveTinyModel(context, TINY_QWEN_BUILD, tinyModel('qwen', REPLY));
  // The first download of the file gets no answer at all: a connection that stalled.
  const url = tinyModelUrl(TINY_QWEN_BUILD);
  let stalled = false;
  await context.route(url, async (route) => {
    if (route.request().method() !== 'GET' || stalled) return route.fallback();
    stalled = true;
  });
  const aborted: string[] = [];
  page.on('requestfailed', (request) => {
    if (request.url() === url) aborted.push(`${request.method()} ${request.failure()?.errorText ?? ''}`);
  });
  await openSettled(page, 'playground/');
  const root = await chooseCpuPath(page);
  await root.getByRole('button', { name: '加载' }).click();
  await expect.poll(() => stalled).toBe(true);
  await root.getByRole('button', { name: '取消加载' }).click();
  await expect(root.locator('.chat-notice')).toContainText('已取消加载');
  // The browser dropped the request: nothing keeps downloading in the background.
  await expect.poll(() => aborted).toContain('GET net::ERR_ABORTED');
  expect(host.downloads()).toBe(0);

  await load(root);
  expect(host.downloads()).toBe(1);
  const answer = await ask(root, '你好');
  await expect(answer.locator('.chat-answer')).toContainText(`你好，${SPLIT_CHARACTER}界！`);
});
