import { afterEach, describe, expect, it } from 'vitest';
import { decodeSharedRound, MAX_SHARED_PROMPT_LENGTH, SHARED_ROUND_KEYS, shareStateOf } from '../../src/playground/arena/share-url';
import { shareHref } from '../../src/playground/share/share-href';
import { localTimestamp, roundToJson, roundToMarkdown, type ArenaRound } from '../../src/playground/arena/round-export';
import { planPair, suggestedPairs } from '../../src/playground/arena/pairs';
import { findCatalogueEntry } from '../../src/playground/catalogue';
import { CPU_ARENA } from '../../src/playground/cpu/cpu-arena';
import wllamaPackage from '@wllama/wllama/package.json';

describe('share URL', () => {
  const round = {
    prompt: '请把这句话翻译成英文：今天天气很好 & <b>ok</b>',
    system: '你是一个乐于助人的助手。',
    temperature: 0.7,
    top_p: 0.8,
    max_tokens: 256,
    seed: 42,
    qwen: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    llama: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
    blind: true,
  };

  it('round-trips the prompt and settings through a URL', () => {
    const { href, complete } = shareHref('https://example.org/playground/arena/', SHARED_ROUND_KEYS, shareStateOf(round));
    expect(complete).toBe(true);
    expect(decodeSharedRound(new URL(href).searchParams)).toEqual(round);
  });

  it('carries no answers', () => {
    const { href } = shareHref('https://example.org/', SHARED_ROUND_KEYS, shareStateOf({ ...round, answer: 'secret' } as typeof round));
    expect([...new URL(href).searchParams.keys()]).not.toContain('answer');
    expect(href).not.toContain('secret');
  });

  it('drops or clamps bad values instead of trusting them', () => {
    const params = new URLSearchParams({
      prompt: 'x'.repeat(MAX_SHARED_PROMPT_LENGTH + 50),
      temperature: '99',
      top_p: 'NaN',
      max_tokens: '12.5',
      seed: '-3',
      qwen: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
      llama: 'javascript:alert(1)',
      blind: 'yes',
    });
    const decoded = decodeSharedRound(params)!;
    expect(decoded.prompt).toHaveLength(MAX_SHARED_PROMPT_LENGTH);
    expect(decoded.temperature).toBe(2);
    expect(decoded.top_p).toBeUndefined();
    expect(decoded.max_tokens).toBeUndefined();
    expect(decoded.seed).toBe(0);
    expect(decoded.qwen).toBeUndefined(); // a Llama id on the Qwen side
    expect(decoded.llama).toBeUndefined();
    expect(decoded.blind).toBeUndefined();
  });

  it('returns null without a prompt', () => {
    expect(decodeSharedRound(new URLSearchParams('seed=1'))).toBeNull();
  });
});

describe('round export', () => {
  const round: ArenaRound = {
    prompt: '用一句话介绍长城。',
    system: '',
    sampling: { temperature: 0.7, top_p: 0.8, max_tokens: 128, seed: 7 },
    startedAt: '2026-11-29T14:00:00+08:00',
    sides: [
      {
        family: 'qwen',
        modelId: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
        text: '长城是中国古代的防御工程。```js\nalert(1)\n```',
        finishReason: 'stop',
        metrics: {
          promptTokens: 20,
          completionTokens: 12,
          timeToFirstTokenSeconds: 0.5,
          prefillTokensPerSecond: 40,
          decodeTokensPerSecond: 10.25,
          e2eLatencySeconds: 1.7,
          characters: 13,
          charactersPerSecond: 10.8,
          observedTimeToFirstTextSeconds: 0.6,
        },
        language: { prompt: 'zh', answer: 'zh', matches: true, message: '回答语言与提问一致（中文）。' },
        error: null,
      },
      {
        family: 'llama',
        modelId: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
        text: '',
        finishReason: null,
        metrics: null,
        language: null,
        error: '显存不足',
      },
    ],
  };
  const environment = { webLlmVersion: '0.2.86', gpuAdapter: 'google / swiftshader' };

  it('writes Markdown with the prompt, settings, both sides, metrics, version and adapter', () => {
    const markdown = roundToMarkdown(round, environment);
    for (const expected of [
      '用一句话介绍长城。',
      'temperature 0.7，top_p 0.8，max_tokens 128，seed 7',
      'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
      'Llama-3.2-1B-Instruct-q4f32_1-MLC',
      '解码速度：10.3 token/s',
      '出错：显存不足',
      'web-llm 版本：0.2.86',
      'GPU 适配器：google / swiftshader',
      '时间：2026-11-29T14:00:00+08:00',
    ]) {
      expect(markdown).toContain(expected);
    }
    // The answer's own code fence cannot close the export's fence.
    expect(markdown).toContain('````markdown');
  });

  it('writes JSON that parses back to the round plus its environment', () => {
    expect(JSON.parse(roundToJson(round, environment))).toEqual({ ...round, environment });
  });

  it('names the CPU path’s engine, not web-llm: wllama’s installed version, each GGUF file and its quantization, the thread mode', () => {
    const cpuRound: ArenaRound = {
      ...round,
      sides: round.sides.map((side, index) => ({ ...side, modelId: ['Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF', 'Llama-3.2-1B-Instruct-Q4_K_M-GGUF'][index]! })),
    };
    const cpu = CPU_ARENA.exportEnvironment!(cpuRound);
    const markdown = roundToMarkdown(cpuRound, cpu);
    for (const expected of [
      `推理引擎：wllama ${wllamaPackage.version}（llama.cpp 的 WebAssembly 版本）`,
      '硬件：不用显卡：CPU（llama.cpp 的 WebAssembly 版本）；单线程',
      'Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF 的模型文件：bartowski/Qwen2.5-0.5B-Instruct-GGUF/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf（Q4_K_M 量化）',
      'Llama-3.2-1B-Instruct-Q4_K_M-GGUF 的模型文件：bartowski/Llama-3.2-1B-Instruct-GGUF/Llama-3.2-1B-Instruct-Q4_K_M.gguf（Q4_K_M 量化）',
    ]) {
      expect(markdown).toContain(expected);
    }
    expect(markdown).not.toMatch(/web-llm|GPU 适配器/);
    expect(JSON.parse(roundToJson(cpuRound, cpu)).environment).toEqual({
      engine: 'wllama',
      wllamaVersion: wllamaPackage.version,
      hardware: '不用显卡：CPU（llama.cpp 的 WebAssembly 版本）',
      threads: '单线程',
      files: [
        { modelId: 'Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF', repo: 'bartowski/Qwen2.5-0.5B-Instruct-GGUF', file: 'Qwen2.5-0.5B-Instruct-Q4_K_M.gguf', quantization: 'Q4_K_M' },
        { modelId: 'Llama-3.2-1B-Instruct-Q4_K_M-GGUF', repo: 'bartowski/Llama-3.2-1B-Instruct-GGUF', file: 'Llama-3.2-1B-Instruct-Q4_K_M.gguf', quantization: 'Q4_K_M' },
      ],
    });
  });
});

describe('export time stamp', () => {
  const instant = Date.parse('2026-12-01T23:50:36.791Z');
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('is the local wall-clock time with its offset, to the second, not UTC', () => {
    expect(localTimestamp(instant, 8 * 60)).toBe('2026-12-02T07:50:36+08:00');
    expect(localTimestamp(instant, -(3 * 60 + 30))).toBe('2026-12-01T20:20:36-03:30');
    expect(localTimestamp(instant, 0)).toBe('2026-12-01T23:50:36+00:00');
  });

  it("follows the device's time zone by default, and still names the same instant", () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(localTimestamp(instant)).toBe('2026-12-02T07:50:36+08:00');
    process.env.TZ = 'America/New_York';
    expect(localTimestamp(instant)).toBe('2026-12-01T18:50:36-05:00');
    expect(Date.parse(localTimestamp(instant))).toBe(Math.floor(instant / 1000) * 1000);
  });
});

describe('pairs', () => {
  it('suggests size-matched pairs that exist in the catalogue', () => {
    const pairs = suggestedPairs('q4f32_1');
    expect(pairs.map((p) => [p.qwen.id, p.llama.id])).toContainEqual([
      'Qwen2.5-3B-Instruct-q4f32_1-MLC',
      'Llama-3.2-3B-Instruct-q4f32_1-MLC',
    ]);
    for (const pair of pairs) {
      expect(pair.qwen.family).toBe('qwen');
      expect(pair.llama.family).toBe('llama');
    }
  });

  it('loads both at once only when the memory allows, and says why', () => {
    const small = planPair(findCatalogueEntry('Qwen2.5-0.5B-Instruct-q4f32_1-MLC')!, findCatalogueEntry('Llama-3.2-1B-Instruct-q4f32_1-MLC')!);
    expect(small.mode).toBe('together');
    const big = planPair(findCatalogueEntry('Qwen2.5-7B-Instruct-q4f32_1-MLC')!, findCatalogueEntry('Llama-3.1-8B-Instruct-q4f32_1-MLC')!);
    expect(big.mode).toBe('one-after-another');
    expect(big.reason).toContain('轮流加载');
    expect(big.totalVramMB).toBeGreaterThan(8000);
    const budget = planPair(findCatalogueEntry('Qwen2.5-7B-Instruct-q4f32_1-MLC')!, findCatalogueEntry('Llama-3.1-8B-Instruct-q4f32_1-MLC')!, 24_000);
    expect(budget.mode).toBe('together');
  });
});
