/**
 * The models page's workflows without a DOM or a worker: DownloaderSession (下载到本机: resume,
 * delete and download again, the quota message) and ModelManagerSession (listing, deleting, the
 * tokenizer's files), against a fake engine and fake stores.
 */
import { describe, expect, test } from 'vitest';
import { CAPABILITY_MESSAGES } from '../../src/playground/gpu/capability';
import type { CachedModelReport } from '../../src/playground/engine/cache-inspection';
import type { SourcedReport } from '../../src/playground/downloads/cache-summary';
import { DownloaderSession, type DownloaderState, type SourceFeed } from '../../src/playground/downloads/downloader-session';
import { ModelManagerSession, TOKENIZER_ROW_LABEL, type ManagerStores } from '../../src/playground/downloads/manager-session';
import type { ModelCacheEngine } from '../../src/playground/downloads/model-cache-engine';
import { HF_MIRROR, HUGGING_FACE, type ModelSource } from '../../src/playground/sources/model-source';
import { aboutBytes, formatBytes } from '../../src/playground/ui/bytes';
import { entry } from '../fixtures/catalogue';
import { NO_F16_GPU } from '../fixtures/environments';
import { FakeChatEngine, StepGate, type FakeChatEngineOptions } from '../fixtures/fake-engine';

class FakeCacheEngine extends FakeChatEngine implements ModelCacheEngine {
  async listCached(): Promise<CachedModelReport[]> {
    return [];
  }
}

const QWEN = entry('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
const LLAMA_8B = entry('Llama-3.1-8B-Instruct-q4f32_1-MLC');
const LLAMA_8B_1K = entry('Llama-3.1-8B-Instruct-q4f32_1-MLC-1k');
const CATALOGUE = [QWEN, LLAMA_8B, LLAMA_8B_1K];

/** A source the test switches by hand. */
function sourceFeed(initial: ModelSource = HUGGING_FACE) {
  let current = initial;
  const listeners = new Set<() => void>();
  const feed: SourceFeed = {
    current: () => current,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    feed,
    choose(source: ModelSource) {
      current = source;
      for (const listener of listeners) listener();
    },
    listeners,
  };
}

/** What list-cached reports for a model whose files sit in `folder`. */
function report(modelId: string, folder: string, sizes: number[], extra: Partial<CachedModelReport> = {}): CachedModelReport {
  return {
    modelId,
    complete: true,
    missingShards: 0,
    files: sizes.map((bytes, index) => ({ url: `https://hf.example/${folder}/file-${index}`, cache: 'webllm/model', bytes })),
    ...extra,
  };
}

function downloader(options: { engine?: FakeChatEngineOptions; found?: SourcedReport[]; probe?: typeof NO_F16_GPU } = {}) {
  const engine = new FakeCacheEngine(options.engine);
  const source = sourceFeed();
  let cacheChanges = 0;
  const session = new DownloaderSession({
    engine,
    catalogue: CATALOGUE,
    probe: async () => options.probe ?? NO_F16_GPU,
    source: source.feed,
    onCacheChange: () => cacheChanges++,
    scan: async () => options.found ?? [],
    storage: async () => ({ usage: 9e9, quota: 10e9 }),
    persist: async (wasCached) => (wasCached ? null : '（浏览器同意长期保存。）'),
  });
  const states: DownloaderState[] = [];
  session.subscribe((state) => states.push(state));
  return { engine, session, source, states, cacheChanges: () => cacheChanges };
}

const methods = (engine: FakeChatEngine) => engine.calls.map((call) => call.method);

describe('DownloaderSession', () => {
  test('starts on the q4f32 build; a download loads, unloads, reports progress and asks to keep the files', async () => {
    const { engine, session, states, cacheChanges } = downloader();
    expect(session.getState().selectedId).toBe(QWEN.id);
    await session.start();
    expect(methods(engine)).toEqual(['isCached', 'load', 'unload']);
    expect(states.some((state) => state.running && state.progress?.phase === 'download')).toBe(true);
    const state = session.getState();
    expect(state).toMatchObject({ running: false, progress: null, failure: null });
    expect(state.done).toBe('Qwen2.5 0.5B Instruct · q4f32_1 已下载到本机并试运行成功，之后加载不需要再下载。（浏览器同意长期保存。）');
    expect(state.cacheVersion).toBe(1);
    expect(cacheChanges()).toBe(1);
  });

  test('without WebGPU the reason is known before the click, and 下载到本机 does nothing', async () => {
    const { engine, session } = downloader({ probe: { isSecureContext: true, hasNavigatorGpu: false, adapter: null } });
    await session.probed;
    expect(session.getState().blockedReason).toContain(CAPABILITY_MESSAGES['no-webgpu']);
    await session.start();
    expect(engine.calls).toEqual([]);
  });

  test('a network failure keeps what was downloaded and offers a retry that resumes (no deleting)', async () => {
    const own = report(QWEN.id, 'qwen', [20e6, 10e6]);
    const { engine, session } = downloader({
      engine: { loads: [{ failWith: 'TypeError: Failed to fetch', failAfterSteps: 2 }, {}] },
      found: [{ source: HUGGING_FACE, report: own }],
    });
    await session.start();
    expect(session.getState().failure).toEqual({
      message: expect.stringMatching(/^网络连接失败/),
      details: expect.any(String),
      recovery: `已下载的 2 个文件（${aboutBytes(30e6)}）会保留，重试时只下载缺少的部分。`,
      offer: 'resume',
    });
    await session.retry();
    expect(methods(engine)).toEqual(['isCached', 'load', 'isCached', 'load', 'unload']);
    expect(session.getState().failure).toBeNull();
  });

  test('a damaged cached file offers deleting first; that deletes, then downloads again', async () => {
    const damaged = report(QWEN.id, 'qwen', [5]);
    damaged.files[0]!.problem = 'not-webassembly';
    const { engine, session } = downloader({
      engine: { loads: [{ failWith: 'CompileError: WebAssembly.instantiate(): expected magic word' }, {}] },
      found: [{ source: HUGGING_FACE, report: damaged }],
    });
    await session.start();
    expect(session.getState().failure?.offer).toBe('clean-redownload');
    await session.cleanRedownload();
    expect(methods(engine).slice(2)).toEqual(['deleteCached', 'isCached', 'load', 'unload']);
    expect(engine.calls[2]).toMatchObject({ method: 'deleteCached', modelId: QWEN.id });
  });

  test('out of quota: the shortfall counts what is cached, and a 1k build sharing the files is not offered for deleting', async () => {
    const fullFiles = report(LLAMA_8B.id, 'llama-8b', [3e9]);
    const found: SourcedReport[] = [
      { source: HUGGING_FACE, report: fullFiles },
      // The 1k build reads the very same files.
      { source: HUGGING_FACE, report: { ...fullFiles, modelId: LLAMA_8B_1K.id } },
      { source: HF_MIRROR, report: report(QWEN.id, 'qwen-mirror', [300e6]) },
    ];
    const { session } = downloader({ engine: { loads: [{ failWith: 'QuotaExceededError: quota exceeded' }] }, found });
    session.select(LLAMA_8B.id);
    await session.start();
    const failure = session.getState().failure!;
    expect(failure.offer).toBeNull();
    expect(failure.message).toContain(`需要${aboutBytes(LLAMA_8B.estimatedDownloadBytes - 3e9)}`);
    expect(failure.message).toContain(`目前只剩${aboutBytes(1e9)}`);
    expect(failure.message).toContain(`Qwen2.5 0.5B Instruct · q4f32_1（${formatBytes(300e6)}）`);
    expect(failure.message).not.toMatch(/删除[^。]*Llama/);
  });

  test('cancelling keeps the files and says the next download continues', async () => {
    const gate = new StepGate();
    const { engine, session } = downloader({ engine: { loads: [{ gate }] } });
    const running = session.start();
    await gate.release();
    expect(session.getState().running).toBe(true);
    session.cancel();
    await running;
    expect(methods(engine)).toContain('unload');
    expect(session.getState()).toMatchObject({ running: false, failure: null, done: '已取消下载。已下载的文件会保留，下次会从中断处继续。' });
  });

  test('a second click while downloading starts nothing; choosing another model clears the outcome', async () => {
    const gate = new StepGate();
    const { engine, session } = downloader({ engine: { loads: [{ gate }] } });
    const first = session.start();
    await gate.release();
    await session.retry();
    gate.open();
    await first;
    expect(methods(engine).filter((method) => method === 'load')).toHaveLength(1);
    expect(session.getState().done).not.toBe('');
    session.select(LLAMA_8B.id);
    expect(session.getState()).toMatchObject({ selectedId: LLAMA_8B.id, done: '', failure: null });
  });

  test('another source makes the plan out of date; destroy stops listening', () => {
    const { session, source } = downloader();
    source.choose(HF_MIRROR);
    expect(session.getState().cacheVersion).toBe(1);
    session.destroy();
    expect(source.listeners.size).toBe(0);
  });
});

interface ManagerFakes {
  models?: SourcedReport[];
  gguf?: SourcedReport[];
  tokenizer?: { files: number; bytes: number } | null;
}

function manager(fakes: ManagerFakes = {}) {
  const engine = new FakeCacheEngine();
  const source = sourceFeed();
  const deleted: string[] = [];
  let models = fakes.models ?? [];
  let scan = async () => models;
  let tokenizer = fakes.tokenizer ?? null;
  const stores: ManagerStores = {
    scanModels: () => scan(),
    scanGguf: async () => fakes.gguf ?? [],
    deleteGguf: async (modelId) => void deleted.push(`gguf:${modelId}`),
    storage: async () => ({ usage: 2e9, quota: 10e9 }),
    tokenizerFiles: async () => tokenizer,
    deleteTokenizerFiles: async () => {
      deleted.push('tokenizer');
      tokenizer = null;
    },
  };
  const session = new ModelManagerSession({ engine, catalogue: CATALOGUE, source: source.feed, stores });
  return {
    engine,
    session,
    source,
    deleted,
    setModels: (next: SourcedReport[]) => (models = next),
    /** Replaces how the engine answers list-cached. */
    setScan: (next: () => Promise<SourcedReport[]>) => (scan = next),
  };
}

describe('ModelManagerSession', () => {
  test('lists models (a 4k and 1k build sharing files as one row), the tokenizer files, and the storage figures', async () => {
    const llama = report(LLAMA_8B.id, 'llama-8b', [3e9]);
    const { session } = manager({
      models: [
        { source: HUGGING_FACE, report: llama },
        { source: HUGGING_FACE, report: { ...llama, modelId: LLAMA_8B_1K.id } },
        { source: HF_MIRROR, report: report(QWEN.id, 'qwen', [300e6], { complete: false, missingShards: 2 }) },
      ],
      tokenizer: { files: 2, bytes: 20.5e6 },
    });
    expect(session.getState()).toMatchObject({ listed: false, storageText: '正在查看本机存储……' });
    await session.refresh();
    const { rows, storageText } = session.getState();
    expect(rows.map((row) => [row.kind, row.modelIds, row.bytes, row.state])).toEqual([
      ['model', [LLAMA_8B.id, LLAMA_8B_1K.id], 3e9, 'complete'],
      ['model', [QWEN.id], 300e6, 'partial'],
      ['tokenizer', [], 20.5e6, 'complete'],
    ]);
    expect(rows[1]!.sourceNote).toMatch(/^来自.*hf-mirror\.com.*（不是现在选用的下载源）$/);
    expect(rows[2]!.label).toBe(TOKENIZER_ROW_LABEL);
    expect(storageText).toBe(
      `模型文件共占用 ${formatBytes(3.3e9)}，分词器文件占用 20.5 MB；本站在这个浏览器里一共占用 2.0 GB，浏览器允许的上限约 10.0 GB。`,
    );
  });

  test('deleting a row deletes every id of it under its own source, then lists again', async () => {
    const llama = report(LLAMA_8B.id, 'llama-8b', [3e9]);
    const fakes = manager({
      models: [
        { source: HF_MIRROR, report: llama },
        { source: HF_MIRROR, report: { ...llama, modelId: LLAMA_8B_1K.id } },
      ],
    });
    const { session, engine } = fakes;
    await session.refresh();
    fakes.setModels([]);
    await session.remove(session.getState().rows[0]!.key);
    expect(engine.calls).toEqual([
      { method: 'deleteCached', modelId: LLAMA_8B.id, options: { source: HF_MIRROR } },
      { method: 'deleteCached', modelId: LLAMA_8B_1K.id, options: { source: HF_MIRROR } },
    ]);
    expect(session.getState()).toMatchObject({ busy: false, rows: [], status: expect.stringMatching(/^已删除 Llama 3.1 8B Instruct.*释放了 3.0 GB。$/) });
  });

  test('while deleting, the controls are busy and a second deletion is ignored', async () => {
    const { session, engine } = manager({ models: [{ source: HUGGING_FACE, report: report(QWEN.id, 'qwen', [1e6]) }] });
    await session.refresh();
    const key = session.getState().rows[0]!.key;
    const first = session.remove(key);
    expect(session.getState().busy).toBe(true);
    await session.remove(key);
    await first;
    expect(engine.calls.filter((call) => call.method === 'deleteCached')).toHaveLength(1);
  });

  test('the tokenizer files are deleted through their own cache; 全部删除 asks first and deletes GGUF files through wllama', async () => {
    const gguf = { source: HUGGING_FACE, report: report('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF', 'gguf', [400e6]) };
    const { session, deleted, engine } = manager({ gguf: [gguf], tokenizer: { files: 2, bytes: 20e6 } });
    await session.refresh();
    expect(session.getState().rows.map((row) => row.kind)).toEqual(['model', 'tokenizer']);
    session.askRemoveAll(true);
    expect(session.getState().confirming).toBe(true);
    await session.removeAll();
    expect(deleted).toEqual(['gguf:Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF', 'tokenizer']);
    expect(engine.calls).toEqual([]);
    expect(session.getState()).toMatchObject({ confirming: false, status: '已删除全部模型和分词器文件，释放了 420 MB。' });
  });

  test('an older listing that answers late does not overwrite a newer one (another source was chosen)', async () => {
    const { session, source, setScan } = manager();
    let release: (value: SourcedReport[]) => void = () => undefined;
    setScan(() => new Promise<SourcedReport[]>((resolve) => (release = resolve)));
    const older = session.refresh();
    setScan(async () => [{ source: HF_MIRROR, report: report(QWEN.id, 'qwen', [1e6]) }]);
    source.choose(HF_MIRROR);
    await expect.poll(() => session.getState().rows.length).toBe(1);
    release([]);
    await older;
    expect(session.getState().rows).toHaveLength(1);
  });

  test('a listing that fails says so in the storage line', async () => {
    const { session, setScan } = manager();
    setScan(async () => {
      throw new Error('WorkerCrashedError: the engine worker stopped');
    });
    await session.refresh();
    expect(session.getState().storageText).toMatch(/^没能读取本机已下载的模型：/);
  });
});
