/**
 * Reads the installed @mlc-ai/web-llm and checks that everything web-llm-contract.ts relies on is
 * still there. After an upgrade, each failure names the text, cache, error or rule that changed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MODEL_LIBRARY_PATH,
  PROGRESS_MEGABYTES,
  PROGRESS_TEXTS,
  WEB_LLM_CACHE_NAMES,
  WEB_LLM_CACHE_PREFIX,
  WEB_LLM_ERROR_NAMES,
  WEB_LLM_VERSION,
  modelFolderUrl,
  modelIdNeedsShaderF16,
} from '../../src/playground/engine/web-llm-contract';
import { describeEngineError } from '../../src/playground/engine/errors';

const require = createRequire(import.meta.url);
const packageFolder = dirname(require.resolve('@mlc-ai/web-llm/package.json'));
const installed = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')) as { version: string };
const library = readFileSync(join(packageFolder, 'lib', 'index.js'), 'utf8');
const ourPackage = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};

describe('the web-llm this site was written against', () => {
  it('is the version installed, pinned exactly in package.json', () => {
    expect(installed.version).toBe(WEB_LLM_VERSION);
    expect(ourPackage.dependencies['@mlc-ai/web-llm']).toBe(WEB_LLM_VERSION);
  });

  it('still writes each progress text the load progress is read from', () => {
    for (const [phase, text] of Object.entries(PROGRESS_TEXTS)) {
      expect(library.includes(text), `progress text for ${phase}: "${text}"`).toBe(true);
    }
    // The megabyte patterns read what the library builds as `${MB}MB fetched` / `${MB}MB loaded`.
    for (const [phase, pattern] of Object.entries(PROGRESS_MEGABYTES)) {
      const words = pattern.source.replace('(\\d+)', '');
      expect(library.includes(words), `megabytes text for ${phase}: "${words}"`).toBe(true);
    }
  });

  it('still stores into the caches the site reads, lists and deletes', () => {
    for (const name of WEB_LLM_CACHE_NAMES) {
      expect(library.includes(`"${name}"`), `cache name ${name}`).toBe(true);
      expect(name.startsWith(WEB_LLM_CACHE_PREFIX)).toBe(true);
    }
  });

  it('still names its errors as the error messages expect', () => {
    for (const name of WEB_LLM_ERROR_NAMES) {
      expect(library.includes(`this.name = "${name}"`), `error name ${name}`).toBe(true);
    }
  });

  it('has a reader-facing message for every one of those errors', () => {
    for (const name of WEB_LLM_ERROR_NAMES) {
      expect(describeEngineError(`Error: ${name}: something went wrong`).kind, name).not.toBe('unknown');
    }
  });

  it('cleans model URLs into folders exactly as modelFolderUrl does', () => {
    const source = /function cleanModelUrl\(modelUrl\) \{[\s\S]*?\n\}/.exec(library)?.[0];
    expect(source, 'cleanModelUrl in the library').toBeDefined();
    const cleanModelUrl = new Function(`${source}; return cleanModelUrl;`)() as (url: string) => string;
    for (const url of [
      'https://huggingface.co/mlc-ai/Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
      'https://huggingface.co/mlc-ai/Qwen2.5-0.5B-Instruct-q4f32_1-MLC/',
      'https://hf-mirror.com/mlc-ai/Llama-3.2-1B-Instruct-q4f16_1-MLC/resolve/v1/',
      'http://127.0.0.1:4321/models/Qwen2-0.5B-Instruct-q4f32_1-MLC',
    ]) {
      expect(modelFolderUrl(url, 'https://example.com/'), url).toBe(cleanModelUrl(url));
    }
  });

  it('ships its prebuilt Qwen and Llama 3 libraries from the folder the sources point at', async () => {
    const { prebuiltAppConfig } = await import('@mlc-ai/web-llm');
    const ours = prebuiltAppConfig.model_list.filter((record) => /^(Qwen|Llama-3)/.test(record.model_id));
    expect(ours.length).toBeGreaterThan(10);
    for (const record of ours) {
      expect(record.model_lib, record.model_id).toContain(`/${MODEL_LIBRARY_PATH}`);
    }
  });

  it('needs shader-f16 for exactly the builds whose quantization computes in f16', async () => {
    const { prebuiltAppConfig } = await import('@mlc-ai/web-llm');
    const ids = prebuiltAppConfig.model_list.map((record) => record.model_id);
    const f16 = ids.filter((id) => /-q\d+f16_\d/.test(id));
    const f32 = ids.filter((id) => /-q\d+f32_\d/.test(id));
    expect(f16.length).toBeGreaterThan(5);
    expect(f32.length).toBeGreaterThan(5);
    for (const id of f16) expect(modelIdNeedsShaderF16(id), id).toBe(true);
    for (const id of f32) expect(modelIdNeedsShaderF16(id), id).toBe(false);
  });
});
