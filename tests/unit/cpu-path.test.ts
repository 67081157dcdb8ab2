import { describe, expect, test } from 'vitest';
import { CATALOGUE } from '../../src/playground/catalogue';
import type { ChatTurn } from '../../src/playground/session/chat-session';
import { buildFacts, defaultBuildFor } from '../../src/playground/session/model-picker';
import { CPU_CATALOGUE, GGUF_BUILDS, findGgufBuild } from '../../src/playground/cpu/gguf-catalogue';
import { ggufUrl } from '../../src/playground/cpu/gguf-url';
import { GGUF_PLAN_FILES } from '../../src/playground/cpu/gguf-plan';
import { planDownload } from '../../src/playground/downloads/plan';
import { cpuThreads, describeThreads } from '../../src/playground/cpu/threads';
import { HF_MIRROR, HUGGING_FACE, connectSrcFor, customSource } from '../../src/playground/sources/model-source';
import { urlAllowed } from '../../src/playground/sources/csp';

const qwen = findGgufBuild('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF')!;

describe('GGUF download URLs follow the reader’s model source', () => {
  test('Hugging Face and hf-mirror.com: the repository’s resolve/main path on the source’s host', () => {
    expect(ggufUrl(qwen, HUGGING_FACE)).toBe(
      'https://huggingface.co/bartowski/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf',
    );
    expect(ggufUrl(qwen, HF_MIRROR)).toBe(
      'https://hf-mirror.com/bartowski/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf',
    );
  });

  test('a self-hosted folder keeps GGUF files under gguf/<owner>/<repo>/', () => {
    expect(ggufUrl(qwen, customSource('https://models.example.com/mirror/'))).toBe(
      'https://models.example.com/mirror/gguf/bartowski/Qwen2.5-0.5B-Instruct-GGUF/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf',
    );
  });

  test.each([HUGGING_FACE, HF_MIRROR, customSource('https://models.example.com/m/')])(
    'every build’s URL on %s is allowed by the Content-Security-Policy built for that source',
    (source) => {
      const sources = connectSrcFor(source);
      for (const build of GGUF_BUILDS) expect(urlAllowed(ggufUrl(build, source), sources, 'https://example.github.io/')).toBe(true);
    },
  );
});

describe('the CPU catalogue', () => {
  test('describes each build as the WebGPU catalogue describes the same model', () => {
    for (const entry of CPU_CATALOGUE) {
      const build = findGgufBuild(entry.id)!;
      const model = CATALOGUE.find((candidate) => candidate.id === build.sameModelAs)!;
      expect(entry.displayName).toBe(model.displayName);
      expect(entry.parameterCount).toBe(model.parameterCount);
      expect(entry.quantization).toBe(build.quantization);
    }
  });

  test('names a .gguf file and a source for each build, and claims no size it could not check', () => {
    for (const build of GGUF_BUILDS) {
      expect(build.file).toMatch(/\.gguf$/);
      expect(build.source).toMatch(/^https:\/\/huggingface\.co\//);
      expect(build.listedSize === null).toBe(build.listedBytes === null);
    }
    expect(new Set(CPU_CATALOGUE.map((entry) => entry.id)).size).toBe(GGUF_BUILDS.length);
    expect(CATALOGUE.some((entry) => findGgufBuild(entry.id) !== undefined)).toBe(false);
  });
});

describe('CPU threads', () => {
  test('one thread unless the page is cross-origin isolated, then half the cores', () => {
    expect(cpuThreads(false, 8)).toEqual({ multiThread: false, threads: 1 });
    expect(cpuThreads(true, 8)).toEqual({ multiThread: true, threads: 4 });
    expect(cpuThreads(true, 2)).toEqual({ multiThread: false, threads: 1 });
  });

  test('the reader is told which mode runs', () => {
    expect(describeThreads({ multiThread: false, threads: 1 })).toContain('单线程');
    expect(describeThreads({ multiThread: true, threads: 4 })).toContain('4 个线程');
  });
});

describe('the CPU picker’s default', () => {
  test('is a build whose download size the listing shows', () => {
    const device = { shaderF16: false, maxBufferSize: Number.MAX_SAFE_INTEGER, maxStorageBufferBindingSize: Number.MAX_SAFE_INTEGER };
    const qwenDefault = defaultBuildFor('qwen', device, CPU_CATALOGUE);
    expect(qwenDefault?.id).toBe('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF');
    expect(findGgufBuild(qwenDefault!.id)!.listedSize).not.toBeNull();
  });
});

describe('the picker’s line for a GGUF build', () => {
  test('claims no speed before this device measured one, then gives the last answer’s decode speed', () => {
    const entry = CPU_CATALOGUE.find((candidate) => candidate.id === qwen.id)!;
    expect(buildFacts(entry)).toContain('生成速度本站没有测量过（取决于你设备的 CPU）');
    expect(buildFacts(entry)).not.toMatch(/token\/秒/);
    const answer = (modelId: string, decodeTokensPerSecond: number) =>
      ({ role: 'assistant', modelId, metrics: { decodeTokensPerSecond } }) as unknown as ChatTurn;
    const turns = [answer(qwen.id, 3.21), answer('Llama-3.2-1B-Instruct-Q4_K_M-GGUF', 9), answer(qwen.id, 12.345)];
    expect(buildFacts(entry, turns)).toContain('在你的设备上测得解码速度 12.3 token/秒（上一次回答）');
  });
});

describe('the CPU arena’s download plan', () => {
  const entry = (id: string) => GGUF_PLAN_FILES.find(id)!;
  const llama = 'Llama-3.2-1B-Instruct-Q4_K_M-GGUF';
  const storage = { usage: 0, quota: 10e9 };

  test('names each GGUF file with its listed size, in the order they run, and the total in the listings’ units', () => {
    const text = GGUF_PLAN_FILES.describe(planDownload([{ entry: entry(qwen.id), cached: false }, { entry: entry(llama), cached: false }], storage));
    expect(text.items).toEqual([
      '先 Qwen2.5 0.5B Instruct · Q4_K_M：文件 Qwen2.5-0.5B-Instruct-Q4_K_M.gguf，398 MB（模型仓库列出的大小）',
      '再 Llama 3.2 1B Instruct · Q4_K_M：文件 Llama-3.2-1B-Instruct-Q4_K_M.gguf，0.81GB（模型仓库列出的大小）',
    ]);
    expect(text.summary).toBe('合计需要下载 1.21 GB（按列出的大小相加）。两个文件依次下载：第一个模型回答完、卸载后才下载第二个。');
  });

  test('a file already here costs nothing; a size not verified is said, and left out of the total', () => {
    const qwen3 = 'Qwen3-0.6B-Q4_K_M-GGUF';
    const text = GGUF_PLAN_FILES.describe(planDownload([{ entry: entry(qwen3), cached: false }, { entry: entry(llama), cached: true }], storage));
    expect(text.items[0]).toContain('文件 Qwen_Qwen3-0.6B-Q4_K_M.gguf，大小未核实');
    expect(text.items[1]).toContain('，已在本机，不用再下载');
    expect(text.summary).toBe('另有 Qwen3 0.6B · Q4_K_M 的文件大小未核实，不在合计里。两个文件依次下载：第一个模型回答完、卸载后才下载第二个。');
  });
});
