/**
 * The download views and the worker's cache calls, with the real worker and real web-llm.
 * Caches are seeded the way web-llm 0.2.86 fills them (webllm/config, webllm/wasm, webllm/model,
 * keyed by file URL), since there is no network here to download a real model. Custom sources
 * point at the test server on 127.0.0.1, which answers 404 for the made-up folders — and
 * web-llm never caches libraries from URLs containing "localhost", hence 127.0.0.1.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { WorkerChatEngine } from '../../src/playground/engine/worker-engine';
import { buttonNamed, one, shown, visible } from '../fixtures/dom';
import { rejection } from '../fixtures/rejection';
import { HF_MIRROR, HUGGING_FACE, customSource, type ModelSource } from '../../src/playground/sources/model-source';
import { SOURCE_STORAGE_KEY, chooseModelSource, currentModelSource } from '../../src/playground/sources/source-store';
import { mountModelManager } from '../../src/playground/downloads/view/model-manager';
import { mountModelDownloader } from '../../src/playground/downloads/view/model-downloader';
import { mountSourcePicker } from '../../src/playground/downloads/view/source-picker';
import { mountDownloadPlan } from '../../src/playground/downloads/view/download-plan';
import { recoveryFor } from '../../src/playground/downloads/recovery';
import { formatBytes } from '../../src/playground/ui/bytes';
import { CACHE_NAME as TOKENIZER_CACHE } from '../../src/playground/tokenizer/file-cache';

const QWEN = { id: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC', lib: 'Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm' };
const LLAMA = { id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC', lib: 'Llama-3.2-1B-Instruct-q4f32_1_cs1k-webgpu.wasm' };
type Model = typeof QWEN;

const SERVER = location.origin.replace('localhost', '127.0.0.1');
/** Folders the test server does not have: every model file there is a 404. */
const MISSING = customSource(`${SERVER}/__no_models_here__/`);
const MiB = 1024 * 1024;
/** The smallest valid WebAssembly module: magic number and version. */
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

const folderOf = (source: ModelSource, model: Model) => `${source.weightsBase}${model.id}/resolve/main/`;
const libOf = (source: ModelSource, model: Model) => `${source.libsBase}${model.lib}`;

interface SeedOptions {
  shards?: number;
  shardBytes?: number;
  /** How many of the shards to cache (default all): fewer = an interrupted download. */
  cachedShards?: number;
  wasm?: Uint8Array<ArrayBuffer>;
  /** Only the config, as after a download that failed on the library. */
  configOnly?: boolean;
}

interface Seeded {
  urls: string[];
  bytes: number;
}

async function seed(source: ModelSource, model: Model, options: SeedOptions = {}): Promise<Seeded> {
  const { shards = 2, shardBytes = 2 * MiB, wasm = EMPTY_WASM } = options;
  const folder = folderOf(source, model);
  const seeded: Seeded = { urls: [], bytes: 0 };
  // With Content-Length, as a download from Hugging Face or a CDN arrives.
  const put = async (cacheName: string, url: string, body: Uint8Array<ArrayBuffer> | string) => {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    await (await caches.open(cacheName)).put(url, new Response(bytes, { headers: { 'content-length': String(bytes.byteLength) } }));
    seeded.urls.push(url);
    seeded.bytes += bytes.byteLength;
  };
  await put('webllm/config', `${folder}mlc-chat-config.json`, JSON.stringify({ tokenizer_files: ['tokenizer.json'] }));
  if (options.configOnly) return seeded;
  await put('webllm/wasm', libOf(source, model), wasm);
  await put('webllm/model', `${folder}tokenizer.json`, JSON.stringify({ model: {} }));
  const records = Array.from({ length: shards }, (_, i) => ({ dataPath: `params_shard_${i}.bin`, nbytes: shardBytes }));
  await put('webllm/model', `${folder}tensor-cache.json`, JSON.stringify({ records }));
  for (let i = 0; i < (options.cachedShards ?? shards); i++) {
    await put('webllm/model', `${folder}params_shard_${i}.bin`, new Uint8Array(shardBytes));
  }
  return seeded;
}

async function cachedUrls(): Promise<string[]> {
  const all: string[] = [];
  for (const name of ['webllm/config', 'webllm/wasm', 'webllm/model']) {
    all.push(...(await (await caches.open(name)).keys()).map((request) => request.url));
  }
  return all;
}

const engines: WorkerChatEngine[] = [];
const cleanups: (() => void)[] = [];
function makeEngine(): WorkerChatEngine {
  const engine = new WorkerChatEngine({ source: currentModelSource });
  engines.push(engine);
  return engine;
}
function mountPoint(): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  cleanups.push(() => root.remove());
  return root;
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
  for (const name of ['webllm/config', 'webllm/wasm', 'webllm/model']) await caches.delete(name);
  localStorage.removeItem(SOURCE_STORAGE_KEY);
  chooseModelSource(null);
});

const rowFor = (root: HTMLElement, model: Model) =>
  [...root.querySelectorAll<HTMLElement>('.model-row')].find((row) => row.dataset.modelIds?.split(' ').includes(model.id));

describe('本机已下载的模型 panel', () => {
  test('lists a seeded model with its size; delete one and delete all clear the caches and update the figures', async () => {
    await page.viewport(360, 800);
    const mirror = customSource(`${SERVER}/mirror/`);
    chooseModelSource(mirror);
    const qwen = await seed(mirror, QWEN, { shardBytes: 4 * MiB });
    // Fetched earlier through Hugging Face: still on disk, so still listed.
    const llama = await seed(HUGGING_FACE, LLAMA, { shardBytes: 1 * MiB });

    const root = mountPoint();
    const manager = mountModelManager(root, { engine: makeEngine() });
    cleanups.push(() => manager.destroy());

    await vi.waitFor(() => expect(rowFor(root, QWEN)).toBeDefined(), { timeout: 30_000 });
    const qwenRow = rowFor(root, QWEN)!;
    expect(qwenRow.textContent).toContain('Qwen2.5 0.5B Instruct · q4f32_1');
    expect(qwenRow.textContent).toContain(formatBytes(qwen.bytes));
    expect(qwenRow.textContent).toContain('已完整下载');
    expect(qwenRow.querySelector('.model-row-source')).toBeNull();
    const llamaRow = rowFor(root, LLAMA)!;
    expect(llamaRow.textContent).toContain('来自Hugging Face（官方）');
    const storageLine = root.querySelector('.model-storage')!;
    expect(storageLine.textContent).toContain(`模型文件共占用 ${formatBytes(qwen.bytes + llama.bytes)}`);
    const usageBefore = (await navigator.storage.estimate()).usage!;

    // Nothing fits a 360 px screen badly: the row is no wider than the viewport.
    expect(qwenRow.getBoundingClientRect().right).toBeLessThanOrEqual(360);

    // Keyboard: the delete button is a real button with the model in its name.
    const remove = qwenRow.querySelector('button')!;
    expect(remove.getAttribute('aria-label')).toContain('删除 Qwen2.5 0.5B Instruct');
    remove.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(rowFor(root, QWEN)).toBeUndefined(), { timeout: 30_000 });
    await expect.poll(() => root.querySelector('.model-status')?.textContent, { timeout: 30_000 }).toContain('已删除 Qwen2.5 0.5B Instruct');
    const left = await cachedUrls();
    expect(left.filter((url) => qwen.urls.includes(url))).toEqual([]);
    expect(llama.urls.every((url) => left.includes(url))).toBe(true);
    await expect.poll(() => storageLine.textContent, { timeout: 30_000 }).toContain(`模型文件共占用 ${formatBytes(llama.bytes)}`);
    // Focus stays in the panel for keyboard users.
    expect(root.contains(document.activeElement)).toBe(true);
    await vi.waitFor(async () => expect((await navigator.storage.estimate()).usage!).toBeLessThan(usageBefore), { timeout: 10_000 });

    buttonNamed(root, '全部删除').click();
    const confirm = await shown(() => buttonNamed(root, /^确认删除全部/));
    await expect.poll(() => confirm.hidden).toBe(false);
    expect(confirm.textContent).toContain('1 个模型');
    confirm.click();
    await vi.waitFor(() => expect(root.querySelector<HTMLElement>('.model-manager-empty')!.hidden).toBe(false), { timeout: 30_000 });
    expect(root.querySelectorAll('.model-row')).toHaveLength(0);
    expect((await cachedUrls()).filter((url) => llama.urls.includes(url))).toEqual([]);
    await expect.poll(() => storageLine.textContent, { timeout: 30_000 }).toContain(`模型文件共占用 ${formatBytes(0)}`);
  }, 90_000);

  test('the tokenizer demo\'s kept files are listed with their size and can be deleted', async () => {
    const files = { 'tokenizer.qwen.json': new Uint8Array(3 * MiB), 'tokenizer.llama3.json': new Uint8Array(2 * MiB) };
    const cache = await caches.open(TOKENIZER_CACHE);
    for (const [name, bytes] of Object.entries(files)) await cache.put(new URL(`/tokenizers/${name}`, location.href).href, new Response(bytes));
    cleanups.push(() => void caches.delete(TOKENIZER_CACHE));

    const root = mountPoint();
    const manager = mountModelManager(root, { engine: makeEngine() });
    cleanups.push(() => manager.destroy());
    const row = await shown(() => one(root, '.model-row[data-kind="tokenizer"]'));
    expect(row.textContent).toContain(`${formatBytes(5 * MiB)} · 已保存，离线也能使用`);
    expect(one(root, '.model-storage').textContent).toContain(`分词器文件占用 ${formatBytes(5 * MiB)}`);

    await userEvent.click(row.querySelector('button')!);
    await expect.poll(() => root.querySelector('.model-status')?.textContent, { timeout: 30_000 }).toMatch(/^已删除 Qwen 和 Llama 3 的分词器文件/);
    expect(await caches.has(TOKENIZER_CACHE)).toBe(false);
    await expect.poll(() => root.querySelector('.model-row'), { timeout: 30_000 }).toBeNull();
  });

  test('an interrupted download is "partial", a library that is not WebAssembly is "damaged"', async () => {
    const mirror = customSource(`${SERVER}/mirror/`);
    chooseModelSource(mirror);
    await seed(mirror, QWEN, { shards: 3, cachedShards: 1 });
    await seed(mirror, LLAMA, { wasm: new TextEncoder().encode('<!doctype html><title>502</title>') });
    const root = mountPoint();
    mountModelManager(root, { engine: makeEngine() });
    await vi.waitFor(() => expect([rowFor(root, QWEN), rowFor(root, LLAMA)]).not.toContain(undefined), { timeout: 30_000 });
    expect(rowFor(root, QWEN)!.dataset.state).toBe('partial');
    expect(rowFor(root, QWEN)!.textContent).toContain('还缺 2 个权重文件');
    expect(rowFor(root, LLAMA)!.dataset.state).toBe('damaged');
    expect(rowFor(root, LLAMA)!.textContent).toContain('已损坏');
  }, 60_000);

  test('list-cached reports sizes, missing shards and problems per file', async () => {
    const mirror = customSource(`${SERVER}/mirror/`);
    await seed(mirror, QWEN, { shards: 2, shardBytes: 1000, cachedShards: 1 });
    const shard = `${folderOf(mirror, QWEN)}params_shard_0.bin`;
    // A shard whose size disagrees with tensor-cache.json (an error page stored in its place).
    await (await caches.open('webllm/model')).put(shard, new Response(new Uint8Array(10)));
    const [report, ...rest] = await makeEngine().listCached([QWEN.id, LLAMA.id], { source: mirror });
    expect(rest).toEqual([]);
    expect(report).toMatchObject({ modelId: QWEN.id, complete: false, missingShards: 1 });
    expect(report!.files.find((file) => file.url === shard)).toEqual({ url: shard, cache: 'webllm/model', bytes: 10, problem: 'wrong-size' });
    expect(report!.files.find((file) => file.cache === 'webllm/wasm')).toEqual({ url: libOf(mirror, QWEN), cache: 'webllm/wasm', bytes: 8 });
    expect(recoveryFor('unknown', report).action).toBe('clean-redownload');
  }, 60_000);
});

describe('the source decides which host the engine asks', () => {
  test('a custom base that 404s: the error names the missing file and the status', async () => {
    chooseModelSource(MISSING);
    const error = await rejection(makeEngine().load(QWEN.id));
    expect(error.kind).toBe('download-failed');
    expect(error.failedUrl).toBe(`${folderOf(MISSING, QWEN)}mlc-chat-config.json`);
    expect(error.httpStatus).toBe(404);
    expect(error.details).toContain('mlc-chat-config.json');
    expect(error.details).toContain('HTTP 404');
  }, 60_000);

  test('hf-mirror.com: the engine asks hf-mirror.com (unreachable here), not huggingface.co', async () => {
    chooseModelSource(HF_MIRROR);
    const error = await rejection(makeEngine().load(QWEN.id));
    expect(error.kind).toBe('network');
    expect(error.failedUrl).toBe(`https://hf-mirror.com/mlc-ai/${QWEN.id}/resolve/main/mlc-chat-config.json`);
    expect(error.details).toContain('hf-mirror.com');
  }, 60_000);

  test('a retry does not fetch what is cached: with the config cached, the failure is the library', async () => {
    chooseModelSource(MISSING);
    await seed(MISSING, QWEN, { configOnly: true });
    const error = await rejection(makeEngine().load(QWEN.id));
    // Had web-llm fetched the config again, the 404 would have been on the config.
    expect(error.failedUrl).toBe(libOf(MISSING, QWEN));
    expect(error.details).toContain(QWEN.lib);
  }, 60_000);

  test('a cached library that is not WebAssembly: clean re-download deletes it, and the next load fetches it again', async () => {
    chooseModelSource(MISSING);
    await seed(MISSING, QWEN, { wasm: new TextEncoder().encode('<html>captive portal</html>') });
    const engine = makeEngine();
    const error = await rejection(engine.load(QWEN.id));
    expect(error.kind).toBe('corrupt-model-library');
    const [report] = await engine.listCached([QWEN.id]);
    expect(report!.files.find((file) => file.cache === 'webllm/wasm')?.problem).toBe('not-webassembly');
    expect(recoveryFor(error.kind, report).action).toBe('clean-redownload');

    await engine.deleteCached(QWEN.id);
    expect(await engine.listCached([QWEN.id])).toEqual([]);
    const again = await rejection(engine.load(QWEN.id));
    expect(again.failedUrl).toBe(`${folderOf(MISSING, QWEN)}mlc-chat-config.json`);
  }, 60_000);

  test('a corrupt tensor-cache.json can still be deleted', async () => {
    await seed(MISSING, QWEN);
    await (await caches.open('webllm/model')).put(`${folderOf(MISSING, QWEN)}tensor-cache.json`, new Response('<html>oops</html>'));
    const engine = makeEngine();
    const [report] = await engine.listCached([QWEN.id], { source: MISSING });
    expect(report!.files.find((file) => file.url.endsWith('tensor-cache.json'))?.problem).toBe('not-json');
    await engine.deleteCached(QWEN.id, { source: MISSING });
    expect(await cachedUrls()).toEqual([]);
  }, 60_000);
});

describe('the download views', () => {
  test('download to this device: a 404 names the file and offers a retry that resumes', async () => {
    chooseModelSource(MISSING);
    const root = mountPoint();
    let cacheChanges = 0;
    mountModelDownloader(root, { engine: makeEngine(), onCacheChange: () => cacheChanges++ });
    const select = root.querySelector('select')!;
    expect(select.value).toBe(QWEN.id);
    await vi.waitFor(() => expect(root.querySelector('.download-plan-summary')?.textContent).toMatch(/需要下载约 \d/), { timeout: 30_000 });

    buttonNamed(root, '下载到本机').click();
    const failure = await shown(() => one(root, '.model-failure'));
    await vi.waitFor(() => expect(failure.hidden).toBe(false), { timeout: 60_000 });
    expect(failure.getAttribute('role')).toBe('alert');
    expect(failure.textContent).toContain('mlc-chat-config.json');
    expect(failure.textContent).toContain('HTTP 404');
    const retry = buttonNamed(failure, /^重试/);
    expect(retry.hidden).toBe(false);
    expect(cacheChanges).toBe(1);
  }, 90_000);

  test('the plan counts cached models as free and sums the rest', async () => {
    chooseModelSource(MISSING);
    await seed(MISSING, QWEN);
    const root = mountPoint();
    const plan = await mountDownloadPlan(root, { engine: makeEngine() }).show([QWEN.id, LLAMA.id]);
    expect(plan.items.map((item) => item.cached)).toEqual([true, false]);
    expect(plan.bytesToFetch).toBe(plan.items[1]!.entry.estimatedDownloadBytes);
    expect(root.textContent).toContain('已在本机，不用再下载');
    expect(root.textContent).toMatch(/浏览器目前允许本站再使用约/);
  }, 60_000);

  test('source picker: a custom origin outside the CSP is explained and not applied; hf-mirror is stored', async () => {
    const policy = "default-src 'self'; connect-src 'self' https://huggingface.co https://*.hf.co https://raw.githubusercontent.com https://hf-mirror.com https://cdn.jsdelivr.net";
    const root = mountPoint();
    const picker = mountSourcePicker(root, { policies: [policy] });
    cleanups.push(() => picker.destroy());
    const radio = (value: string) => root.querySelector<HTMLInputElement>(`input[type=radio][value="${value}"]`)!;
    expect(radio('huggingface').checked).toBe(true);

    radio('custom').click();
    const input = root.querySelector<HTMLInputElement>('input[type=url]')!;
    expect(document.activeElement).toBe(input);
    await userEvent.type(input, 'http://models.example.cn/');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => root.querySelector('.model-source-message')?.textContent).toMatch(/https:\/\//);
    expect(input.getAttribute('aria-invalid')).toBe('true');

    // Not one of the sources this build allows: said in plain words, with the way to add one.
    await userEvent.clear(input);
    await userEvent.type(input, 'https://models.example.cn/mlc/');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => root.querySelector('.model-source-message')?.textContent).toMatch(/本站不能从这个地址下载模型/);
    expect(one(root, '.model-source-message').textContent).toContain('PUBLIC_EXTRA_MODEL_SOURCES');

    // Allowed by the build (loopback, development server) but not by this page's CSP.
    await userEvent.clear(input);
    await userEvent.type(input, `${SERVER}/mlc/`);
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => root.querySelector('.model-source-message')?.textContent).toMatch(/内容安全策略/);
    expect(one(root, '.model-source-message').textContent).toContain(SERVER);
    expect(localStorage.getItem(SOURCE_STORAGE_KEY)).toBeNull();

    radio('hf-mirror').click();
    expect(localStorage.getItem(SOURCE_STORAGE_KEY)).toBe('hf-mirror');
    expect(currentModelSource()).toEqual(HF_MIRROR);
    expect(root.querySelector('input[type=url]')!.closest('form')!.hidden).toBe(true);
  }, 30_000);

  test('custom address: the example works, "hf-mirror.com/mlc-ai/" needs no https://, and a refusal replaces the success text', async () => {
    const root = mountPoint();
    const picker = mountSourcePicker(root, { policies: [] });
    cleanups.push(() => picker.destroy());
    const radio = (value: string) => root.querySelector<HTMLInputElement>(`input[type=radio][value="${value}"]`)!;
    const message = () => root.querySelector('.model-source-message')?.textContent;
    radio('custom').click();
    const input = root.querySelector<HTMLInputElement>('input[type=url]')!;
    expect(input.getAttribute('aria-describedby')).toBe(one(root, '.model-source-message').id);

    // The example in the field is accepted as it is.
    await userEvent.type(input, input.placeholder);
    await userEvent.keyboard('{Enter}');
    await expect.poll(message).toMatch(/^已改用/);

    // Without the scheme: the site's own check runs (not the browser's "Please enter a URL.").
    radio('custom').click();
    await userEvent.clear(input);
    await userEvent.type(input, 'hf-mirror.com/mlc-ai/');
    await userEvent.keyboard('{Enter}');
    await expect.poll(message).toBe(
      '已改用“hf-mirror.com 镜像”。之后的下载都从这里开始；用其他下载源下载过的模型要重新下载，旧文件仍占用空间，可以在“本机已下载的模型”里删除。',
    );
    expect(radio('hf-mirror').checked).toBe(true);
    expect(currentModelSource()).toEqual(HF_MIRROR);

    // A rejected entry: the success text goes, the reason takes its place.
    radio('custom').click();
    await userEvent.clear(input);
    await userEvent.type(input, 'models.example.com/mlc/');
    await userEvent.click(buttonNamed(root, '使用这个地址'));
    await expect.poll(message).toMatch(/^本站不能从这个地址下载模型/);
    expect(message()).not.toContain('已改用');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(currentModelSource()).toEqual(HF_MIRROR);
  }, 30_000);

  test('without WebGPU, "下载到本机" is disabled before the click, with the reason', async () => {
    const root = mountPoint();
    const engine = makeEngine();
    const load = vi.spyOn(engine, 'load');
    mountModelDownloader(root, {
      engine,
      probe: async () => ({ isSecureContext: true, hasNavigatorGpu: false, adapter: null }),
    });
    const start = buttonNamed(root, '下载到本机');
    await vi.waitFor(() => expect(start.disabled).toBe(true));
    const reason = document.getElementById(start.getAttribute('aria-describedby')!)!;
    expect(visible(reason)).toBe(true);
    expect(reason.textContent).toContain('需要 WebGPU');
    start.click();
    expect(load).not.toHaveBeenCalled();
    expect(one(root, '.model-failure').hidden).toBe(true);
  });

  test('without shader-f16 only the f16 builds are disabled, and the reason follows the choice', async () => {
    const root = mountPoint();
    const adapter = await navigator.gpu.requestAdapter();
    const limits = adapter!.limits;
    mountModelDownloader(root, {
      engine: makeEngine(),
      probe: async () => ({
        isSecureContext: true,
        hasNavigatorGpu: true,
        adapter: {
          features: [],
          limits: {
            maxBufferSize: limits.maxBufferSize,
            maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
            maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
            maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
          },
        },
      }),
    });
    const select = root.querySelector('select')!;
    const start = buttonNamed(root, '下载到本机');
    const reason = one(root, `#${CSS.escape(select.id.replace(/-model$/, '-blocked'))}`);
    select.value = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(start.disabled).toBe(true));
    expect(reason.textContent).toMatch(/shader-f16.*q4f32_1/);
    expect(start.getAttribute('aria-describedby')).toBe(reason.id);
    select.value = QWEN.id;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(start.disabled).toBe(false);
    expect(reason.hidden).toBe(true);
    expect(start.hasAttribute('aria-describedby')).toBe(false);
  });

  test('a preset the CSP does not allow is disabled with the reason', () => {
    const root = mountPoint();
    const picker = mountSourcePicker(root, { policies: ["connect-src 'self' https://huggingface.co https://raw.githubusercontent.com"] });
    cleanups.push(() => picker.destroy());
    const mirror = root.querySelector<HTMLInputElement>('input[value="hf-mirror"]')!;
    expect(mirror.disabled).toBe(true);
    expect(mirror.labels![0]!.textContent).toContain('hf-mirror.com');
    const reason = document.getElementById(mirror.getAttribute('aria-describedby')!)!;
    expect(reason.textContent).toMatch(/内容安全策略/);
  });

  test('a choice made in one island reaches the others', () => {
    const first = mountPoint();
    const second = mountPoint();
    const a = mountSourcePicker(first, { policies: [] });
    const b = mountSourcePicker(second, { policies: [] });
    cleanups.push(() => a.destroy(), () => b.destroy());
    first.querySelector<HTMLInputElement>('input[value="hf-mirror"]')!.click();
    expect(second.querySelector<HTMLInputElement>('input[value="hf-mirror"]')!.checked).toBe(true);
  });
});
