/**
 * The article's standalone web-llm example (src/content/examples/web-llm-chat.ts), run as a reader
 * would run it: real web-llm 0.2.86 on the page's main thread, with its default model list. There
 * is no internet here, so the model hosts are answered by the test runner (see commands/model-hosts):
 * the example must reach them with the right URLs, in web-llm's order, and report the failure.
 *
 * The example's progress callback (onProgress) cannot be reached here, and no stand-in file can reach
 * it. In web-llm 0.2.86 (lib/index.js, MLCEngine.reloadInternal) the callback is handed only to the
 * TVM runtime instance, `tvm.registerInitProgressCallback(...)`, after the model library (the
 * record's `model_lib`, a WebAssembly file) has been fetched and instantiated; the reports come from
 * `tvm.fetchTensorCache` (tensor-cache.json and its shards), which runs later still, after WebGPU
 * device detection and the tokenizer, and the last report ("Finish loading") after the model's
 * kernels are loaded. Instantiating the library (`new Instance`) calls into the TVM runtime compiled
 * into it — `TVMWasmAllocSpace`, `TVMWasmFreeSpace` and the global function registry that the
 * runtime context looks up by name — so a tiny fake library would have to reimplement that runtime.
 * The real library (several MB on raw.githubusercontent.com) is not reachable without internet and
 * is not among the installed packages. The last test therefore pins the other side: nothing is
 * reported before the library loads, so a web-llm that starts reporting earlier shows up here.
 */
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import { chatOnce, MODEL_ID } from '../../src/content/examples/web-llm-chat';

declare module 'vitest/browser' {
  interface BrowserCommands {
    answerModelHosts: (files: Record<string, { contentType: string; body: string }>) => Promise<void>;
    modelHostRequests: () => Promise<string[]>;
    stopAnsweringModelHosts: () => Promise<void>;
  }
}

const record = prebuiltAppConfig.model_list.find((m) => m.model_id === MODEL_ID);
const configUrl = new URL('resolve/main/mlc-chat-config.json', `${record?.model}/`).href;

/** web-llm keeps downloaded files in Cache Storage; each test starts without them. */
async function clearWebLlmCaches(): Promise<void> {
  for (const name of await caches.keys()) await caches.delete(name);
}

beforeEach(clearWebLlmCaches);
afterEach(async () => {
  await commands.stopAnsweringModelHosts();
  await clearWebLlmCaches();
});

describe('the standalone web-llm example', () => {
  test('uses a model of web-llm’s default list, hosted on Hugging Face', () => {
    expect(record?.model).toMatch(/^https:\/\/huggingface\.co\/mlc-ai\//);
    expect(record?.model_lib).toMatch(/^https:\/\/raw\.githubusercontent\.com\//);
  });

  test('asks Hugging Face for the model’s chat config first and reports a missing file as an error', async () => {
    await commands.answerModelHosts({});
    const texts: string[] = [];
    await expect(chatOnce('你好', { onText: (t) => texts.push(t) })).rejects.toThrow(/Request failed|404/);
    expect(await commands.modelHostRequests()).toEqual([configUrl]);
    expect(texts).toEqual([]);
  }, 60_000);

  test('with the chat config served, goes on to the model library and stops where that is missing', async () => {
    await commands.answerModelHosts({
      '/mlc-chat-config.json': { contentType: 'application/json', body: JSON.stringify({ model_type: 'qwen2' }) },
    });
    const reports: string[] = [];
    await expect(chatOnce('你好', { onProgress: (r) => reports.push(r.text) })).rejects.toThrow(/Request failed|404/);
    await expect.poll(() => commands.modelHostRequests()).toEqual([configUrl, record?.model_lib]);
    expect(reports).toEqual([]);
  }, 60_000);
});
