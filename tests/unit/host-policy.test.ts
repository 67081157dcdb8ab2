/**
 * The engine's allow-list (sources/host-policy.ts) and the CSP built from the same settings
 * (model-hosts.config.mjs): the built-in hosts are open only at the folders the site uses, a
 * custom origin is something the maintainer configures, and loopback is a development-only
 * allowance.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { modelHosts } from '../../model-hosts.config.mjs';
import { urlAllowed } from '../../src/playground/sources/csp';
import {
  customPlaces,
  hostPolicy,
  requestAllowed,
  responseAllowed,
  sourceAllowed,
} from '../../src/playground/sources/host-policy';
import { HF_MIRROR, HUGGING_FACE, configuredSources, customSource } from '../../src/playground/sources/model-source';
import { SOURCE_STORAGE_KEY, currentModelSource, refusedStoredSource } from '../../src/playground/sources/source-store';
import { memoryStorage } from '../fixtures/memory-storage';

const built = hostPolicy(configuredSources({}));
const QWEN_CONFIG = 'https://huggingface.co/mlc-ai/Qwen2.5-0.5B-Instruct-q4f32_1-MLC/resolve/main/mlc-chat-config.json';
const QWEN_LIB = 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm';

describe('where a download may begin', () => {
  test.each([
    [QWEN_CONFIG, true],
    [QWEN_LIB, true],
    ['https://hf-mirror.com/mlc-ai/Qwen2.5-0.5B-Instruct-q4f32_1-MLC/resolve/main/tokenizer.json', true],
    ['https://cdn.jsdelivr.net/gh/mlc-ai/binary-mlc-llm-libs@main/web-llm-models/v0_2_86/base/x.wasm', true],
    // Shared hosts, someone else's repository: their "model library" would run in the page.
    ['https://huggingface.co/anyone/model/resolve/main/mlc-chat-config.json', false],
    ['https://raw.githubusercontent.com/anyone/libs/main/x.wasm', false],
    ['https://cdn.jsdelivr.net/gh/anyone/libs@main/x.wasm', false],
    ['https://cdn.jsdelivr.net/gh/mlc-ai/binary-mlc-llm-libs-fork@main/x.wasm', false],
    ['https://hf-mirror.com/anyone/model/resolve/main/x.json', false],
    ['https://evil.example/models/x.json', false],
    // Dressed-up escapes from the mlc-ai folder.
    ['https://huggingface.co/mlc-ai/../anyone/x.json', false],
    ['https://huggingface.co/mlc-ai/%2e%2e/anyone/x.json', false],
    ['https://huggingface.co/mlc-ai/..%2Fanyone/x.json', false],
    ['https://huggingface.co/mlc-ai\\..\\anyone/x.json', false],
    ['https://huggingface.co.evil.example/mlc-ai/x.json', false],
    ['https://user:pw@huggingface.co/mlc-ai/x.json', false],
    ['http://huggingface.co/mlc-ai/x.json', false],
    // CDN hosts are where Hugging Face redirects to, never where a download begins.
    ['https://cdn-lfs-us-1.hf.co/repos/x', false],
    ['http://127.0.0.1:8080/models/x.json', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(requestAllowed(url, built)).toBe(allowed);
  });
});

describe('where an answer may come from after redirects', () => {
  test.each([
    ['https://cdn-lfs-us-1.hf.co/repos/aa/bb/shard?X-Amz=1', true],
    ['https://cas-bridge.xethub.hf.co/xet-bridge-us/abc', true],
    ['https://cdn-lfs.huggingface.co/repos/x', true],
    ['https://huggingface.co/api/resolve-cache/models/mlc-ai/Qwen/abc/mlc-chat-config.json', true],
    ['https://cdn-lfs.hf-mirror.com/repos/x', true],
    [QWEN_CONFIG, true],
    ['https://evil.example/x.wasm', false],
    ['https://huggingface.co/anyone/x.wasm', false],
    ['https://hf.co.evil.example/x', false],
  ])('%s → %s', (url, allowed) => {
    expect(responseAllowed(url, built)).toBe(allowed);
  });
});

describe('custom sources', () => {
  test('one on a shared host is refused; the presets pass', () => {
    expect(sourceAllowed(HUGGING_FACE, built)).toBe(true);
    expect(sourceAllowed(HF_MIRROR, built)).toBe(true);
    expect(sourceAllowed(customSource('https://huggingface.co/anyone/'), built)).toBe(false);
    expect(sourceAllowed(customSource('https://raw.githubusercontent.com/anyone/models/main/'), built)).toBe(false);
    expect(sourceAllowed(customSource('https://evil.example/models/'), built)).toBe(false);
    expect(customPlaces(built)).toEqual([]);
  });

  test('the maintainer opens one at build time, in one setting that feeds the CSP and the worker alike', () => {
    const settings = { PUBLIC_EXTRA_MODEL_SOURCES: 'https://models.example.cn/mlc/, https://cdn.example.org/m' };
    const policy = hostPolicy(configuredSources(settings));
    expect(sourceAllowed(customSource('https://models.example.cn/mlc/'), policy)).toBe(true);
    expect(sourceAllowed(customSource('https://models.example.cn/other/'), policy)).toBe(false);
    expect(customPlaces(policy)).toEqual(['https://models.example.cn/mlc/', 'https://cdn.example.org/m/']);
    const csp = modelHosts(settings);
    for (const url of [QWEN_CONFIG, QWEN_LIB, 'https://models.example.cn/mlc/Qwen/resolve/main/x.json', 'https://huggingface.co/anyone/x', 'https://evil.example/x']) {
      expect(urlAllowed(url, csp, 'https://site.example/'), url).toBe(requestAllowed(url, policy));
    }
    expect(() => configuredSources({ PUBLIC_EXTRA_MODEL_SOURCES: 'models.example.cn' })).toThrow(/PUBLIC_EXTRA_MODEL_SOURCES/);
  });

  test('the CSP names folders on the shared hosts, not whole hosts', () => {
    const csp = modelHosts({});
    expect(csp).toContain('https://huggingface.co/mlc-ai/');
    expect(csp).toContain('https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/');
    expect(csp).not.toContain('https://huggingface.co');
    expect(csp).not.toContain('https://raw.githubusercontent.com');
    expect(csp).not.toContain('https://cdn.jsdelivr.net');
  });

  test('http://127.0.0.1 is allowed only where loopback is allowed (a development server)', () => {
    const local = customSource('http://127.0.0.1:8080/models/');
    expect(sourceAllowed(local, built)).toBe(false);
    const dev = hostPolicy(configuredSources({}), { loopback: true });
    expect(sourceAllowed(local, dev)).toBe(true);
    expect(customPlaces(dev)).toEqual(['http://127.0.0.1:<端口>/', 'http://localhost:<端口>/']);
  });
});

describe('a stored source is checked again when read back', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  const storage = (value: string) => memoryStorage({ [SOURCE_STORAGE_KEY]: value });

  test.each(['https://evil.example/models/', 'https://huggingface.co/anyone/'])(
    '%s, stored by an older version, is not used and is reported',
    (stored) => {
      expect(currentModelSource(storage(stored))).toEqual(HUGGING_FACE);
      expect(refusedStoredSource(storage(stored))).toBe(stored);
    },
  );

  test('a stored source the maintainer allows is used', () => {
    vi.stubEnv('PUBLIC_EXTRA_MODEL_SOURCES', 'https://models.example.cn/mlc/');
    expect(currentModelSource(storage('https://models.example.cn/mlc/'))).toEqual(customSource('https://models.example.cn/mlc/'));
    expect(refusedStoredSource(storage('https://models.example.cn/mlc/'))).toBeNull();
    expect(refusedStoredSource(storage('hf-mirror'))).toBeNull();
  });
});
