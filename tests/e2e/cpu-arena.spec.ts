import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openSettled } from './open-settled';
import { watchPageHealth } from './page-health';
import { serveTinyModels, tinyModel, TINY_QWEN_BUILD } from './tiny-model-host';
import { HOSTILE_HTML, OTHER_REPLY, REPLY, SPLIT_CHARACTER, answerText } from '../fixtures/tiny-gguf/scripts';

// The default project: Chromium without WebGPU. The arena offers the CPU path and runs both tiny
// models for real (wllama), one after the other, with only one of them in memory at a time.

test.describe.configure({ timeout: 180_000 });

const TINY_LLAMA_BUILD = 'Llama-3.2-1B-Instruct-Q4_K_M-GGUF';
const island = (page: Page) => page.locator('[data-island-root="arena"]');

/**
 * How many of the page's Web Workers run at once, at most: wllama runs each loaded model in a
 * worker of its own and ends it with terminate() when the model is unloaded. Counted in the page
 * itself, at the moment of each call, so no event arriving late can blur the order.
 */
async function countWorkers(page: Page) {
  await page.addInitScript(() => {
    const counts = { live: 0, most: 0 };
    const ended = new WeakSet<Worker>();
    Object.assign(globalThis, { workerCounts: counts });
    globalThis.Worker = class extends Worker {
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args);
        counts.live++;
        counts.most = Math.max(counts.most, counts.live);
      }
      override terminate(): void {
        if (!ended.has(this)) counts.live--;
        ended.add(this);
        super.terminate();
      }
    };
  });
  return () => page.evaluate(() => (globalThis as unknown as { workerCounts: { live: number; most: number } }).workerCounts);
}

const wllamaVersion = (JSON.parse(readFileSync(new URL('../../node_modules/@wllama/wllama/package.json', import.meta.url), 'utf8')) as { version: string }).version;

test('without WebGPU the arena lists the GGUF files it will download, runs both tiny models on the CPU, one at a time, the blind vote reveals them, and the export names wllama', async ({
  page,
  context,
}) => {
  const health = watchPageHealth(page);
  const host = await serveTinyModels(context, {
    [TINY_QWEN_BUILD]: tinyModel('qwen', REPLY),
    [TINY_LLAMA_BUILD]: tinyModel('llama', OTHER_REPLY),
  });
  const workers = await countWorkers(page);
  await openSettled(page, 'playground/arena/');
  const root = island(page);
  await expect(root).toHaveAttribute('data-island-state', 'ready', { timeout: 30_000 });
  await expect(root.locator('.chat-capability')).toHaveAttribute('data-ok', 'false');
  await root.getByRole('button', { name: '改用 CPU 运行' }).click();

  await expect(root.locator('.chat-capability')).toHaveText(/用 CPU 运行（单线程/);
  await expect(root.getByLabel('通义千问 Qwen', { exact: true })).toHaveValue(TINY_QWEN_BUILD);
  await expect(root.getByLabel('Llama 3', { exact: true })).toHaveValue(TINY_LLAMA_BUILD);
  await expect(root.locator('.arena-plan-mode')).toContainText('依次加载');
  await expect(root.locator('.arena-plan-mode')).toContainText('内存里始终只有一个模型');
  // What will be downloaded, before anything is: each file with its listed size, in running order, and the total.
  await expect(root.locator('.download-plan-items li')).toHaveText([
    /^先 .*Qwen2\.5-0\.5B-Instruct-Q4_K_M\.gguf，398 MB/,
    /^再 .*Llama-3\.2-1B-Instruct-Q4_K_M\.gguf，0\.81GB/,
  ]);
  await expect(root.locator('.download-plan-summary')).toHaveText(/^合计需要下载 1\.21 GB.*依次下载/);
  expect(host.requests).toEqual([]);

  await root.getByRole('checkbox', { name: /盲测/ }).check();
  await root.getByLabel('提示词（同时发给两个模型）').fill('你好');
  await root.getByRole('button', { name: '开始对比' }).click();

  const answers = root.locator('.arena-answer');
  const vote = root.getByRole('button', { name: 'A 更好' });
  await expect(vote).toBeEnabled({ timeout: 120_000 });
  // Real text from each tiny model (Markdown rendered, the split character whole, HTML as text).
  const texts = await answers.allTextContents();
  expect(texts.map((text) => text.trim()).sort()).toEqual([`你好，${SPLIT_CHARACTER}界！ 粗体 与 代码。${HOSTILE_HTML}`, answerText(OTHER_REPLY)].sort());
  expect(host.downloads(TINY_QWEN_BUILD)).toBe(1);
  expect(host.downloads(TINY_LLAMA_BUILD)).toBe(1);
  // One model in memory at a time, and none left loaded after the round.
  await expect.poll(workers).toEqual({ live: 0, most: 1 });

  await vote.click();
  const titles = root.locator('.arena-side-title');
  await expect(titles.filter({ hasText: 'Qwen2.5' })).toHaveCount(1);
  await expect(titles.filter({ hasText: 'Llama 3.2' })).toHaveCount(1);
  await expect(root.locator('.arena-votes')).toContainText('Qwen2.5');

  // The export names the engine that ran: wllama as installed, each GGUF file, the thread mode.
  await expect(root.locator('.arena-export-label')).toContainText('wllama 版本、模型文件和线程数');
  const download = page.waitForEvent('download');
  await root.getByRole('button', { name: '下载 Markdown' }).click();
  const markdown = readFileSync(await (await download).path(), 'utf8');
  expect(markdown).toContain(`推理引擎：wllama ${wllamaVersion}（llama.cpp 的 WebAssembly 版本）`);
  expect(markdown).toContain('；单线程');
  expect(markdown).toContain(`${TINY_QWEN_BUILD} 的模型文件：bartowski/Qwen2.5-0.5B-Instruct-GGUF/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf（Q4_K_M 量化）`);
  expect(markdown).toContain(`${TINY_LLAMA_BUILD} 的模型文件：bartowski/Llama-3.2-1B-Instruct-GGUF/Llama-3.2-1B-Instruct-Q4_K_M.gguf（Q4_K_M 量化）`);
  expect(markdown).not.toContain('web-llm');
  expect(health.consoleErrors).toEqual([]);
});
