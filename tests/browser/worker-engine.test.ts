/**
 * The real worker (real web-llm 0.2.86, bundled by Vite exactly as the site bundles it) driven
 * through WorkerChatEngine. There is no internet here, so these tests cover what can be reached
 * without model files: the capability pre-checks, network and 404 failures, the cache calls,
 * and the page-side iterator API.
 */
import type { AppConfig } from '@mlc-ai/web-llm';
import { afterEach, describe, expect, test } from 'vitest';
import { WorkerChatEngine } from '../../src/playground/engine/worker-engine';
import { rejection } from '../fixtures/rejection';
import type { LoadProgress } from '../../src/playground/engine/chat-engine';
import type { PageToWorker } from '../../src/playground/engine/protocol';

const F32_MODEL = 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC';
const F16_MODEL = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';

/** Same ids as prebuiltAppConfig, files on a port where nothing listens. */
function unreachable(modelId: string): AppConfig {
  return {
    model_list: [
      {
        model_id: modelId,
        model: `http://127.0.0.1:9/models/${modelId}/resolve/main/`,
        model_lib: 'http://127.0.0.1:9/libs/Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm',
        overrides: { context_window_size: 4096 },
      },
    ],
  };
}

/** Same origin as the test page: the dev server answers, but not with these files. */
function missingOnServer(modelId: string): AppConfig {
  return {
    model_list: [
      {
        model_id: modelId,
        model: `${location.origin}/__no_such_dir__/${modelId}/resolve/main/`,
        model_lib: `${location.origin}/__no_such_dir__/lib.wasm`,
      },
    ],
  };
}

const engines: WorkerChatEngine[] = [];
function makeEngine(options: ConstructorParameters<typeof WorkerChatEngine>[0] = {}): WorkerChatEngine {
  const engine = new WorkerChatEngine(options);
  engines.push(engine);
  return engine;
}
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
});

describe('WorkerChatEngine over the real worker', () => {
  test('model files unreachable: load rejects with a network EngineError after reporting start', async () => {
    const engine = makeEngine();
    const progress: LoadProgress[] = [];
    const error = await rejection(
      engine.load(F32_MODEL, { appConfig: unreachable(F32_MODEL), onProgress: (p) => progress.push(p) }),
    );
    expect(error.kind).toBe('network');
    expect(error.action).toBe('retry');
    expect(error.raw).toMatch(/Failed to fetch/);
    expect(error.message).toMatch(/网络/);
    expect(progress[0]).toMatchObject({ phase: 'other', fraction: 0 });
    expect(engine.loadedModelId).toBeNull();
  }, 60_000);

  test('model files missing on the server (404): a download failure', async () => {
    const engine = makeEngine({ appConfig: missingOnServer(F32_MODEL) });
    const error = await rejection(engine.load(F32_MODEL));
    // Cache.add() refuses any non-2xx answer; if the dev server answered 200 with an HTML
    // fallback page instead, web-llm would fail parsing JSON and this would be 'unknown'.
    expect(error.kind).toBe('download-failed');
    expect(error.raw).toMatch(/'add' on 'Cache'/);
  }, 60_000);

  test('an f16 build on this GPU (no shader-f16) is refused before anything is fetched', async () => {
    const engine = makeEngine();
    // Were the check skipped, the unreachable URLs would make this a network error instead.
    const error = await rejection(engine.load(F16_MODEL, { appConfig: unreachable(F16_MODEL) }));
    expect(error.kind).toBe('shader-f16-unsupported');
    expect(error.action).toBe('smaller-model');
  }, 60_000);

  test('a model id missing from the app config', async () => {
    const engine = makeEngine();
    const error = await rejection(engine.load('No-Such-Model-q4f32_1-MLC', { appConfig: unreachable(F32_MODEL) }));
    expect(error.kind).toBe('model-not-found');
  }, 60_000);

  test('cache calls work offline and never start a download', async () => {
    const engine = makeEngine({ appConfig: unreachable(F32_MODEL) });
    expect(await engine.isCached(F32_MODEL)).toBe(false);
    // web-llm's own delete would try to fetch tensor-cache.json here and fail offline.
    await expect(engine.deleteCached(F32_MODEL)).resolves.toBeUndefined();
    expect(await engine.isCached(F32_MODEL)).toBe(false);
  }, 60_000);

  test('isCached sees a fully cached model, and deleteCached removes every file of it', async () => {
    const appConfig = unreachable(F32_MODEL);
    const record = appConfig.model_list[0]!;
    const base = record.model;
    const json = (value: unknown) => new Response(JSON.stringify(value));
    // What web-llm leaves in the Cache API after a load (keys are the file URLs).
    const model = await caches.open('webllm/model');
    await model.put(base + 'tensor-cache.json', json({ records: [{ dataPath: 'params_shard_0.bin', nbytes: 4 }, { dataPath: 'params_shard_1.bin', nbytes: 4 }] }));
    await model.put(base + 'params_shard_0.bin', new Response(new Uint8Array(4)));
    await model.put(base + 'tokenizer.json', json({}));
    await (await caches.open('webllm/wasm')).put(record.model_lib, new Response(new Uint8Array(8)));
    await (await caches.open('webllm/config')).put(base + 'mlc-chat-config.json', json({}));

    const engine = makeEngine({ appConfig });
    expect(await engine.isCached(F32_MODEL)).toBe(false); // one shard still missing
    await model.put(base + 'params_shard_1.bin', new Response(new Uint8Array(4)));
    expect(await engine.isCached(F32_MODEL)).toBe(true);

    await engine.deleteCached(F32_MODEL);
    expect(await engine.isCached(F32_MODEL)).toBe(false);
    const left = [
      ...(await model.keys()),
      ...(await (await caches.open('webllm/wasm')).keys()),
      ...(await (await caches.open('webllm/config')).keys()),
    ].map((request) => request.url);
    expect(left.filter((url) => url.startsWith('http://127.0.0.1:9/'))).toEqual([]);
  }, 60_000);

  test('streamChat before any load fails through the iterator, without starting a worker', async () => {
    let workersCreated = 0;
    const engine = makeEngine({
      createWorker: () => {
        workersCreated++;
        return new Worker(new URL('../../src/playground/engine/worker.ts', import.meta.url), { type: 'module' });
      },
    });
    const stream = engine.streamChat({ messages: [{ role: 'user', content: '你好' }] });
    const error = await rejection(stream.next());
    expect(error.kind).toBe('model-not-loaded');
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(workersCreated).toBe(0);
  });

  test('streamChat after a failed load: the worker reports ModelNotLoadedError through for-await', async () => {
    const engine = makeEngine();
    await rejection(engine.load(F32_MODEL, { appConfig: unreachable(F32_MODEL) }));
    const seen: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of engine.streamChat({ messages: [{ role: 'user', content: 'hi' }] })) seen.push(event);
      })(),
    );
    expect(error.kind).toBe('model-not-loaded');
    expect(error.raw).toMatch(/ModelNotLoadedError/);
    expect(seen).toEqual([]);
  }, 60_000);

  test('breaking out of the stream ends it at once and tells the worker to stop', async () => {
    const sent: PageToWorker[] = [];
    const engine = makeEngine({
      createWorker: () => {
        const worker = new Worker(new URL('../../src/playground/engine/worker.ts', import.meta.url), { type: 'module' });
        const post = worker.postMessage.bind(worker);
        worker.postMessage = (message: PageToWorker) => {
          sent.push(message);
          post(message);
        };
        return worker;
      },
    });
    expect(await engine.isCached(F32_MODEL)).toBe(false); // starts the worker
    const stream = engine.streamChat({ messages: [{ role: 'user', content: 'hi' }] });
    const pending = stream.next();
    await expect(stream.return()).resolves.toEqual({ done: true, value: undefined });
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    const chat = sent.find((m) => m.type === 'chat');
    expect(chat).toBeDefined();
    expect(sent).toContainEqual({ type: 'stop', chatId: (chat as { id: number }).id });
    // The worker's late ModelNotLoadedError for that chat must not surface anywhere.
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    // And the engine is still usable.
    expect(await engine.isCached(F32_MODEL)).toBe(false);
  }, 60_000);

  test('resetChat and unload with nothing loaded are no-ops; dispose ends the engine', async () => {
    const engine = makeEngine();
    await engine.resetChat();
    await engine.unload();
    await rejection(engine.load(F32_MODEL, { appConfig: unreachable(F32_MODEL) }));
    await engine.resetChat();
    await engine.unload();
    expect(engine.loadedModelId).toBeNull();
    await engine.dispose();
    expect((await rejection(engine.isCached(F32_MODEL))).kind).toBe('engine-disposed');
    expect((await rejection(engine.streamChat({ messages: [] }).next())).kind).toBe('engine-disposed');
  }, 60_000);

  test('a second load supersedes the first: the first rejects as cancelled', async () => {
    const engine = makeEngine();
    const first = engine.load(F32_MODEL, { appConfig: unreachable(F32_MODEL) });
    const second = engine.load(F16_MODEL, { appConfig: unreachable(F16_MODEL) });
    expect((await rejection(first)).kind).toBe('load-cancelled');
    expect((await rejection(second)).kind).toBe('shader-f16-unsupported');
  }, 60_000);
});
