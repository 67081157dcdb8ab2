import { afterEach, describe, expect, test, vi } from 'vitest';
// The real records: the rewrite must work on what web-llm ships, not on a hand-made copy.
import { prebuiltAppConfig, type ModelRecord } from '@mlc-ai/web-llm';
import { CATALOGUE } from '../../src/playground/catalogue';
import {
  HF_MIRROR,
  HUGGING_FACE,
  appConfigForSource,
  connectSrcFor,
  customSource,
  parseCustomBase,
  parseModelSourceSetting,
  readSourceSetting,
  recordForSource,
  sourceSetting,
} from '../../src/playground/sources/model-source';
import { checkSourceAgainstPolicies, connectSources, urlAllowed } from '../../src/playground/sources/csp';
import {
  SOURCE_STORAGE_KEY,
  chooseModelSource,
  currentModelSource,
  defaultModelSource,
} from '../../src/playground/sources/source-store';
import { customExample, customRefusal, readCustomEntry } from '../../src/playground/sources/custom-entry';
import { hostPolicy } from '../../src/playground/sources/host-policy';
import { configuredSources } from '../../src/playground/sources/model-source';
import { memoryStorage } from '../fixtures/memory-storage';

function prebuilt(id: string): ModelRecord {
  const record = prebuiltAppConfig.model_list.find((r) => r.model_id === id);
  if (record === undefined) throw new Error(`${id} is not in prebuiltAppConfig`);
  return record;
}

const QWEN = 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC';
const LLAMA = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
const LIBS = 'web-llm-models/v0_2_86/base';

describe('moving web-llm records to a source', () => {
  test.each([
    [
      'huggingface',
      HUGGING_FACE,
      QWEN,
      'https://huggingface.co/mlc-ai/Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
      `https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/${LIBS}/Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm`,
    ],
    [
      'hf-mirror',
      HF_MIRROR,
      QWEN,
      'https://hf-mirror.com/mlc-ai/Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
      `https://cdn.jsdelivr.net/gh/mlc-ai/binary-mlc-llm-libs@main/${LIBS}/Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm`,
    ],
    [
      'custom',
      customSource('https://models.example.cn/mlc/'),
      QWEN,
      'https://models.example.cn/mlc/Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
      'https://models.example.cn/mlc/libs/Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm',
    ],
    [
      'huggingface',
      HUGGING_FACE,
      LLAMA,
      'https://huggingface.co/mlc-ai/Llama-3.2-1B-Instruct-q4f32_1-MLC',
      `https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/${LIBS}/Llama-3.2-1B-Instruct-q4f32_1_cs1k-webgpu.wasm`,
    ],
    [
      'hf-mirror',
      HF_MIRROR,
      LLAMA,
      'https://hf-mirror.com/mlc-ai/Llama-3.2-1B-Instruct-q4f32_1-MLC',
      `https://cdn.jsdelivr.net/gh/mlc-ai/binary-mlc-llm-libs@main/${LIBS}/Llama-3.2-1B-Instruct-q4f32_1_cs1k-webgpu.wasm`,
    ],
    [
      'custom',
      customSource('http://127.0.0.1:8080/'),
      LLAMA,
      'http://127.0.0.1:8080/Llama-3.2-1B-Instruct-q4f32_1-MLC',
      'http://127.0.0.1:8080/libs/Llama-3.2-1B-Instruct-q4f32_1_cs1k-webgpu.wasm',
    ],
  ])('%s: %s', (_label, source, id, model, modelLib) => {
    const original = prebuilt(id);
    const moved = recordForSource(original, source);
    expect(moved.model).toBe(model);
    expect(moved.model_lib).toBe(modelLib);
    // Everything else (overrides, VRAM figures, features) stays web-llm's.
    expect({ ...moved, model: original.model, model_lib: original.model_lib }).toEqual(original);
  });

  test('Hugging Face leaves prebuiltAppConfig as it is (cache keys stay the same)', () => {
    expect(appConfigForSource(prebuiltAppConfig, HUGGING_FACE)).toBe(prebuiltAppConfig);
  });

  test('a mirror moves every catalogue model, and nothing keeps a Hugging Face or GitHub URL', () => {
    const mirrored = appConfigForSource(prebuiltAppConfig, HF_MIRROR);
    for (const { id } of CATALOGUE) {
      const record = mirrored.model_list.find((r) => r.model_id === id);
      expect(record, id).toBeDefined();
      expect(record!.model.startsWith('https://hf-mirror.com/mlc-ai/'), id).toBe(true);
      expect(record!.model_lib.startsWith('https://cdn.jsdelivr.net/gh/'), id).toBe(true);
    }
    const urls = mirrored.model_list.flatMap((r) => [r.model, r.model_lib]).join(' ');
    expect(urls).not.toMatch(/huggingface\.co|raw\.githubusercontent\.com/);
    expect(mirrored.cacheBackend).toBe(prebuiltAppConfig.cacheBackend);
  });

  test('a 1k build shares the folder of its full-context build, as on Hugging Face', () => {
    const source = customSource('https://m.example/');
    expect(recordForSource(prebuilt('Llama-3.1-8B-Instruct-q4f32_1-MLC-1k'), source).model).toBe(
      'https://m.example/Llama-3.1-8B-Instruct-q4f32_1-MLC',
    );
  });

  test('a record on unexpected hosts is refused rather than sent to the wrong host', () => {
    const record = { ...prebuilt(QWEN), model: 'https://example.com/x' };
    expect(() => recordForSource(record, HF_MIRROR)).toThrow(/not at https:\/\/huggingface\.co/);
    const mirrored = appConfigForSource({ model_list: [record, prebuilt(LLAMA)] }, HF_MIRROR);
    expect(mirrored.model_list.map((r) => r.model_id)).toEqual([LLAMA]);
  });
});

describe('custom base URLs', () => {
  test.each([
    ['https://models.example.cn/mlc', 'https://models.example.cn/mlc/'],
    ['  https://models.example.cn/mlc/  ', 'https://models.example.cn/mlc/'],
    ['https://Models.Example.cn', 'https://models.example.cn/'],
    ['http://127.0.0.1:8080/models', 'http://127.0.0.1:8080/models/'],
    ['http://localhost:4321/', 'http://localhost:4321/'],
  ])('accepts %s', (input, base) => {
    const result = parseCustomBase(input);
    expect(result).toEqual({ ok: true, source: { id: 'custom', weightsBase: base, libsBase: `${base}libs/` } });
  });

  test.each([
    ['', /请填写/],
    ['models.example.cn/mlc', /不是完整的网址/],
    ['http://models.example.cn/', /https:\/\//],
    ['http://192.168.1.5/', /https:\/\//],
    ['ftp://models.example.cn/', /https:\/\//],
    ['javascript:alert(1)', /https:\/\//],
    ['https://user:pw@models.example.cn/', /用户名或密码/],
    ['https://models.example.cn/?token=1', /“\?”或“#”/],
    ['https://models.example.cn/#x', /“\?”或“#”/],
  ])('refuses %j with a Chinese reason', (input, reason) => {
    const result = parseCustomBase(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('what a reader types under 自定义地址', () => {
  const presetsOnly = hostPolicy(configuredSources({}));
  const withExtra = hostPolicy(configuredSources({ PUBLIC_EXTRA_MODEL_SOURCES: 'https://models.example.cn/mlc/' }));

  test('the example in the field is an address the site accepts', () => {
    for (const policy of [presetsOnly, withExtra, hostPolicy(configuredSources({}), { loopback: true })]) {
      expect(readCustomEntry(customExample(policy), policy).ok).toBe(true);
    }
    expect(customExample(withExtra)).toBe('https://models.example.cn/mlc/');
  });

  test.each([
    ['hf-mirror.com/mlc-ai/', HF_MIRROR],
    ['hf-mirror.com/mlc-ai', HF_MIRROR],
    ['https://hf-mirror.com/mlc-ai/', HF_MIRROR],
    ['hf-mirror.com', HF_MIRROR],
    ['https://huggingface.co/mlc-ai', HUGGING_FACE],
  ])("%s without https:// or as a preset's folder is that preset", (input, preset) => {
    expect(readCustomEntry(input, presetsOnly)).toEqual({ ok: true, source: preset });
  });

  test('an extra source of the build is accepted, with or without https://', () => {
    for (const input of ['models.example.cn/mlc/', 'https://models.example.cn/mlc/qwen/']) {
      const result = readCustomEntry(input, withExtra);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.source.id).toBe('custom');
    }
  });

  test('any other address is refused in plain words: which addresses work, why, and how a maintainer adds one', () => {
    const result = readCustomEntry('https://models.example.com/mlc/', withExtra);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('models.example.cn/mlc/'); // what can be used here
    expect(result.reason).toContain('模型程序会在本页中运行'); // why
    expect(result.reason).toContain('PUBLIC_EXTRA_MODEL_SOURCES'); // how to add one
    expect(result.reason).not.toMatch(/\*|内容安全策略|CSP/); // no wildcard hosts or jargon
    expect(customRefusal(presetsOnly)).toMatch(/没有设定自建的下载源.*Hugging Face.*hf-mirror\.com/);
  });

  test('the form checks still come first, in Chinese', () => {
    expect(readCustomEntry('', presetsOnly)).toMatchObject({ ok: false, reason: expect.stringMatching(/请填写/) });
    expect(readCustomEntry('http://models.example.cn/', withExtra)).toMatchObject({ ok: false, reason: expect.stringMatching(/https:\/\//) });
  });
});

describe('the build setting PUBLIC_MODEL_SOURCE', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test.each([
    [undefined, HUGGING_FACE],
    ['', HUGGING_FACE],
    ['huggingface', HUGGING_FACE],
    [' hf-mirror ', HF_MIRROR],
    ['https://cdn.example.cn/models', customSource('https://cdn.example.cn/models/')],
  ])('%j', (raw, source) => {
    expect(parseModelSourceSetting(raw)).toEqual(source);
  });

  test('a typo fails loudly instead of shipping Hugging Face', () => {
    expect(() => parseModelSourceSetting('hf_mirror')).toThrow(/PUBLIC_MODEL_SOURCE/);
    expect(() => parseModelSourceSetting('http://cdn.example.cn/')).toThrow(/PUBLIC_MODEL_SOURCE/);
  });

  test('the default follows the environment variable', () => {
    vi.stubEnv('PUBLIC_MODEL_SOURCE', 'hf-mirror');
    expect(defaultModelSource()).toEqual(HF_MIRROR);
    vi.stubEnv('PUBLIC_MODEL_SOURCE', '');
    expect(defaultModelSource()).toEqual(HUGGING_FACE);
  });

  test('settings round-trip', () => {
    for (const source of [HUGGING_FACE, HF_MIRROR, customSource('https://a.example/m/')]) {
      expect(readSourceSetting(sourceSetting(source))).toEqual(source);
    }
  });
});

describe('the Content-Security-Policy check', () => {
  const page = 'https://reader.example/qwen-vs-llama3/playground/models/';
  const siteHosts = [HUGGING_FACE, HF_MIRROR].flatMap(connectSrcFor).join(' ');
  const policy = `default-src 'self'; script-src 'self'; connect-src 'self' ${siteHosts}`;

  test('connect-src, else default-src, else no limit', () => {
    expect(connectSources(policy)).toContain('https://hf-mirror.com/mlc-ai/');
    expect(connectSources("default-src 'self' https://a.example; img-src *")).toEqual(["'self'", 'https://a.example']);
    expect(connectSources("img-src 'self'")).toBeNull();
    // The first connect-src wins, as in browsers.
    expect(connectSources("connect-src 'none'; connect-src *")).toEqual(["'none'"]);
  });

  test.each([
    ['https://huggingface.co/mlc-ai/x/resolve/main/a.bin', 'https://huggingface.co', true],
    ['https://cdn-lfs-us-1.hf.co/repos/x', 'https://*.hf.co', true],
    ['https://hf.co/x', 'https://*.hf.co', false],
    ['https://huggingface.co:8443/x', 'https://huggingface.co', false],
    ['https://huggingface.co:8443/x', 'https://huggingface.co:*', true],
    ['https://a.example/models/x.json', 'https://a.example/models/', true],
    ['https://a.example/other/x.json', 'https://a.example/models/', false],
    ['https://a.example/models/x.json', 'a.example', true],
    ['https://a.example/x', 'https:', true],
    ['http://a.example/x', 'https:', false],
    ['https://a.example/x', "'none'", false],
    ['https://reader.example/models/x', "'self'", true],
    ['http://127.0.0.1:8080/x', 'http://127.0.0.1:8080', true],
    ['https://a.example/x', '*', true],
  ])('%s under %s → %s', (url, expression, allowed) => {
    expect(urlAllowed(url, [expression], page)).toBe(allowed);
  });

  test('the presets pass a policy built from connectSrcFor', () => {
    expect(checkSourceAgainstPolicies(HUGGING_FACE, [policy], page)).toEqual({ allowed: true });
    expect(checkSourceAgainstPolicies(HF_MIRROR, [policy], page)).toEqual({ allowed: true });
  });

  test('a custom origin outside the policy gets a Chinese explanation naming it', () => {
    const check = checkSourceAgainstPolicies(customSource('https://my-models.example/'), [policy], page);
    expect(check.allowed).toBe(false);
    if (check.allowed) return;
    expect(check.blockedOrigins).toEqual(['https://my-models.example']);
    expect(check.message).toContain('https://my-models.example');
    expect(check.message).toContain('huggingface.co');
    expect(check.message).toMatch(/内容安全策略/);
  });

  test('the mirror is refused by a policy that only lists Hugging Face', () => {
    const hfOnly = `connect-src 'self' ${connectSrcFor(HUGGING_FACE).join(' ')}`;
    const check = checkSourceAgainstPolicies(HF_MIRROR, [hfOnly], page);
    expect(check.allowed).toBe(false);
    if (!check.allowed) expect(check.blockedOrigins).toEqual(['https://hf-mirror.com', 'https://cdn.jsdelivr.net']);
  });

  test('the site itself as a mirror passes under self; no policy allows anything; every policy must allow', () => {
    expect(checkSourceAgainstPolicies(customSource('https://reader.example/models/'), [policy], page).allowed).toBe(true);
    expect(checkSourceAgainstPolicies(customSource('https://x.example/'), [], page).allowed).toBe(true);
    expect(checkSourceAgainstPolicies(customSource('https://x.example/'), ['connect-src *', "connect-src 'self'"], page).allowed).toBe(false);
  });
});

describe("the reader's remembered choice", () => {
  const refusing = {
    getItem: () => {
      throw new DOMException('denied', 'SecurityError');
    },
    setItem: () => {
      throw new DOMException('full', 'QuotaExceededError');
    },
    removeItem: () => undefined,
  };
  afterEach(() => {
    // Leave no page-only choice behind for the next test.
    chooseModelSource(null, memoryStorage());
    vi.unstubAllEnvs();
  });

  test.each([
    ['nothing stored', undefined],
    ['an unknown word', 'hf_mirror'],
    ['JSON from another version', '{"id":"hf-mirror"}'],
    ['an http URL', 'http://models.example/'],
    ['garbage', '\u0000\u0001'],
  ])('%s → the default', (_label, stored) => {
    const storage = memoryStorage(stored === undefined ? {} : { [SOURCE_STORAGE_KEY]: stored });
    expect(currentModelSource(storage)).toEqual(HUGGING_FACE);
  });

  test('a valid choice is used, and storage that throws means the default', () => {
    expect(currentModelSource(memoryStorage({ [SOURCE_STORAGE_KEY]: 'hf-mirror' }))).toEqual(HF_MIRROR);
    expect(currentModelSource(refusing)).toEqual(HUGGING_FACE);
  });

  test('choosing stores the one-word setting; null forgets it', () => {
    // A custom source is read back only while the build allows it.
    vi.stubEnv('PUBLIC_EXTRA_MODEL_SOURCES', 'https://m.example/x/');
    const storage = memoryStorage();
    expect(chooseModelSource(customSource('https://m.example/x/'), storage)).toBe(true);
    expect(storage.values.get(SOURCE_STORAGE_KEY)).toBe('https://m.example/x/');
    expect(currentModelSource(storage)).toEqual(customSource('https://m.example/x/'));
    chooseModelSource(null, storage);
    expect(storage.values.has(SOURCE_STORAGE_KEY)).toBe(false);
  });

  test('a choice the browser will not store still applies on this page', () => {
    expect(chooseModelSource(HF_MIRROR, refusing)).toBe(false);
    expect(currentModelSource(memoryStorage())).toEqual(HF_MIRROR);
  });
});
