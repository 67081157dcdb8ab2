/**
 * The article's standalone web-llm example (src/content/examples/web-llm-chat.ts), run as a reader
 * would run it: real web-llm 0.2.86 on the page's main thread, with its default model list. There
 * is no internet here, so the model hosts are answered by the test runner (see commands/model-hosts):
 * the example must reach them with the right URLs, in web-llm's order, and report the failure.
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
    await expect(chatOnce('你好')).rejects.toThrow(/Request failed|404/);
    await expect.poll(() => commands.modelHostRequests()).toEqual([configUrl, record?.model_lib]);
  }, 60_000);
});
