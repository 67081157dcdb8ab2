/**
 * The engine worker's own allow-list, with the real worker and real web-llm: whatever the page
 * sends (a crafted app config, a source stored by an older version of the site), the worker
 * refuses to fetch outside the configured model sources, and the reader is told why. The models
 * page warns about a stored source that no longer passes.
 */
import type { AppConfig } from '@mlc-ai/web-llm';
import { afterEach, describe, expect, test } from 'vitest';
import { WorkerChatEngine } from '../../src/playground/engine/worker-engine';
import { EngineError } from '../../src/playground/engine/errors';
import { SOURCE_STORAGE_KEY, currentModelSource } from '../../src/playground/sources/source-store';
import { HUGGING_FACE } from '../../src/playground/sources/model-source';
import { mountSourcePicker } from '../../src/playground/downloads/view/source-picker';

const MODEL = 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC';
const LIB = 'Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm';

function hostedAt(weights: string, lib: string): AppConfig {
  return { model_list: [{ model_id: MODEL, model: `${weights}${MODEL}/resolve/main/`, model_lib: `${lib}${LIB}` }] };
}

const engines: WorkerChatEngine[] = [];
const roots: HTMLElement[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
  for (const root of roots.splice(0)) root.remove();
  localStorage.clear();
});

async function loadFailure(appConfig: AppConfig): Promise<EngineError> {
  const engine = new WorkerChatEngine();
  engines.push(engine);
  try {
    await engine.load(MODEL, { appConfig });
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected the load to fail');
}

describe('the engine worker enforces the model hosts itself', () => {
  test.each([
    ['another origin', 'https://evil.example/models/', 'https://evil.example/models/libs/', 'https://evil.example'],
    ["someone else's Hugging Face repository", 'https://huggingface.co/anyone/', 'https://huggingface.co/anyone/libs/', 'https://huggingface.co'],
    ["someone else's jsDelivr repository", 'https://cdn.jsdelivr.net/gh/anyone/models@main/', 'https://cdn.jsdelivr.net/gh/anyone/libs@main/', 'https://cdn.jsdelivr.net'],
  ])('a load from %s is refused before any request, with the blocked-source message', async (_, weights, lib, origin) => {
    const error = await loadFailure(hostedAt(weights, lib));
    // Without the guard the fetch would be attempted and fail as a network error (no internet here).
    expect(error.kind).toBe('source-blocked');
    expect(error.raw).toMatch(/^SourceBlockedError: /);
    expect(error.message).toMatch(/请改用其他下载源/);
    expect(error.details).toContain(`${origin} 不在其中`);
    expect(error.details).toContain('huggingface.co/mlc-ai/');
  }, 60_000);
});

describe('a stored source is checked again when it is read back', () => {
  test('a hostile source stored earlier is not used, and the models page says so', async () => {
    localStorage.setItem(SOURCE_STORAGE_KEY, 'https://evil.example/models/');
    expect(currentModelSource()).toEqual(HUGGING_FACE);
    const root = document.createElement('div');
    document.body.append(root);
    roots.push(root);
    const picker = mountSourcePicker(root, { policies: [] });
    try {
      const message = root.querySelector('.model-source-message')!;
      expect(message.textContent).toContain('https://evil.example/models/');
      expect(message.textContent).toContain('不在本站允许的下载源之中');
      expect(message.classList.contains('model-warning')).toBe(true);
      expect(root.querySelector<HTMLInputElement>('input[value="huggingface"]')!.checked).toBe(true);
      expect(root.textContent).toContain('会在本页中运行');
    } finally {
      picker.destroy();
    }
  });
});
