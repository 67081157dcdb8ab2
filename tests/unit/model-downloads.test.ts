import { describe, expect, test } from 'vitest';
import type { CachedModelReport } from '../../src/playground/engine/cache-inspection';
import { HF_MIRROR, HUGGING_FACE } from '../../src/playground/sources/model-source';
import { aboutBytes, formatBytes, formatMegabytes } from '../../src/playground/ui/bytes';
import { describePlan, describeQuotaShortfall, downloadBlockedReason, planDownload } from '../../src/playground/downloads/plan';
import { CAPABILITY_MESSAGES, decideCapability } from '../../src/playground/gpu/capability';
import { CPU_CATALOGUE } from '../../src/playground/cpu/gguf-catalogue';
import { describeRowState, summarizeCache } from '../../src/playground/downloads/cache-summary';
import { recoveryFor } from '../../src/playground/downloads/recovery';
import { entry } from '../fixtures/catalogue';
import {
  describePersistOutcome,
  persistIfFirstDownload,
  readStorageFigures,
  requestPersistentStorage,
} from '../../src/playground/downloads/storage';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const QWEN = entry('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
const LLAMA = entry('Llama-3.2-1B-Instruct-q4f32_1-MLC');

describe('byte formatting', () => {
  // Decimal units, as the hosts (and the build-size chart, estimatedDownloadBytes / 1e6) state sizes.
  test.each([
    [0, '0 B'],
    [512, '512 B'],
    [1536, '2 kB'],
    [999_960, '1.0 MB'],
    [12_340_000, '12.3 MB'],
    [308_200_000, '308 MB'],
    [999_960_000, '1.0 GB'],
    [1_250_000_000, '1.3 GB'],
    [-5, '0 B'],
    [1_234_500_000_000_000, '1,235 TB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
  test('estimates say 约', () => {
    expect(aboutBytes(2e9)).toBe('约 2.0 GB');
  });
  test('memory needs, stated in megabytes, read in the same units', () => {
    expect(formatMegabytes(944.62)).toBe('945 MB');
    expect(formatMegabytes(1060.2)).toBe('1.1 GB');
  });
  test('a catalogue estimate reads as the megabytes the build-size chart draws', () => {
    expect(formatBytes(QWEN.estimatedDownloadBytes)).toBe(`${Math.round(QWEN.estimatedDownloadBytes / 1e6)} MB`);
  });
});

describe('before a download', () => {
  const storage = { usage: 100 * MiB, quota: 10 * GiB };

  test('two models, one cached: only the other counts', () => {
    const plan = planDownload([{ entry: QWEN, cached: true }, { entry: LLAMA, cached: false }], storage);
    expect(plan.bytesToFetch).toBe(LLAMA.estimatedDownloadBytes);
    expect(plan.available).toBe(10 * GiB - 100 * MiB);
    expect(plan.fits).toBe(true);
    const text = describePlan(plan);
    expect(text.items).toEqual([
      `Qwen2.5 0.5B Instruct · q4f32_1：${aboutBytes(QWEN.estimatedDownloadBytes)}，已在本机，不用再下载`,
      `Llama 3.2 1B Instruct · q4f32_1：${aboutBytes(LLAMA.estimatedDownloadBytes)}`,
    ]);
    expect(text.summary).toBe(`需要下载${aboutBytes(LLAMA.estimatedDownloadBytes)}（估计值）。下载中断后重试，已下载的部分不会重复下载。`);
    expect(text.storage).toContain('浏览器目前允许本站再使用约');
    expect(text.warning).toBeNull();
  });

  test('the same model on both sides is counted once', () => {
    const plan = planDownload([{ entry: QWEN, cached: false }, { entry: QWEN, cached: false }], storage);
    expect(plan.items).toHaveLength(1);
    expect(plan.bytesToFetch).toBe(QWEN.estimatedDownloadBytes);
  });

  test('everything cached', () => {
    const one = describePlan(planDownload([{ entry: QWEN, cached: true }], storage));
    expect(one.summary).toBe('这个模型已下载到本机，加载时不需要再下载。');
    const two = describePlan(planDownload([{ entry: QWEN, cached: true }, { entry: LLAMA, cached: true }], storage));
    expect(two.summary).toBe('这些模型都已下载到本机，加载时不需要再下载。');
  });

  test('too little room: a warning with the shortfall', () => {
    const tight = { usage: 0, quota: 500 * MiB };
    const plan = planDownload([{ entry: QWEN, cached: false }, { entry: LLAMA, cached: false }], tight);
    expect(plan.fits).toBe(false);
    const shortfall = QWEN.estimatedDownloadBytes + LLAMA.estimatedDownloadBytes - 500 * MiB;
    expect(describePlan(plan).warning).toContain(`还差${aboutBytes(shortfall)}`);
  });

  test('a browser that does not say', () => {
    const plan = planDownload([{ entry: QWEN, cached: false }], null);
    expect(plan.fits).toBeNull();
    expect(describePlan(plan).storage).toBe('这个浏览器没有告诉本站还能使用多少存储空间。');
    expect(describePlan(plan).warning).toBeNull();
  });
});

describe('"下载到本机" on a device that cannot run the build', () => {
  const limits = {
    maxBufferSize: 2 ** 31,
    maxStorageBufferBindingSize: 2 ** 30,
    maxComputeWorkgroupStorageSize: 32768,
    maxStorageBuffersPerShaderStage: 10,
  };
  const noWebGpu = decideCapability({ isSecureContext: true, hasNavigatorGpu: false, adapter: null });
  const noF16 = decideCapability({ isSecureContext: true, hasNavigatorGpu: true, adapter: { features: [], limits } });
  const withF16 = decideCapability({ isSecureContext: true, hasNavigatorGpu: true, adapter: { features: ['shader-f16'], limits } });
  const F16 = entry('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');

  test('without WebGPU a WebGPU build is refused with the reason and the next step', () => {
    const reason = downloadBlockedReason(QWEN, noWebGpu);
    expect(reason).toContain('需要 WebGPU');
    expect(reason).toContain(CAPABILITY_MESSAGES['no-webgpu']);
  });

  test('an f16 build without shader-f16 points at the f32 build; both run with it', () => {
    expect(downloadBlockedReason(F16, noF16)).toMatch(/shader-f16.*q4f32_1/);
    expect(downloadBlockedReason(QWEN, noF16)).toBeNull();
    expect(downloadBlockedReason(F16, withF16)).toBeNull();
  });

  test('a build that needs no GPU (the CPU path\'s GGUF) is never held back by the GPU', () => {
    expect(CPU_CATALOGUE.length).toBeGreaterThan(0);
    for (const build of CPU_CATALOGUE) expect(downloadBlockedReason(build, noWebGpu)).toBeNull();
  });
});

describe('QuotaExceededError', () => {
  test('names what was needed, what is left and what to delete, largest first', () => {
    const text = describeQuotaShortfall(2e9, { usage: 9.5e9, quota: 10e9 }, [
      { label: 'Qwen2.5 0.5B Instruct · q4f32_1', bytes: 300e6 },
      { label: 'Qwen3 8B · q4f16_1', bytes: 4.3e9 },
    ]);
    expect(text).toContain('需要约 2.0 GB');
    expect(text).toContain('目前只剩约 500 MB');
    expect(text).toContain('上限约 10.0 GB');
    expect(text.indexOf('Qwen3 8B')).toBeLessThan(text.indexOf('Qwen2.5 0.5B'));
    expect(text).toContain('Qwen3 8B · q4f16_1（4.3 GB）');
    expect(text).toContain('共约 4.6 GB');
  });

  test('nothing to delete, storage unknown', () => {
    const text = describeQuotaShortfall(1e9, null, []);
    expect(text).toContain('需要约 1.0 GB');
    expect(text).toContain('没有本站下载的其他模型可以删除');
  });
});

function report(modelId: string, urls: [string, number][], extra: Partial<CachedModelReport> = {}): CachedModelReport {
  return {
    modelId,
    complete: true,
    missingShards: 0,
    files: urls.map(([url, bytes]) => ({ url, cache: 'webllm/model' as const, bytes })),
    ...extra,
  };
}

describe('the cached-models list', () => {
  test('builds sharing all files are one row; bytes are counted once in the total', () => {
    const shared: [string, number][] = [
      ['https://h/L8/resolve/main/params_shard_0.bin', 1000],
      ['https://h/libs/l8.wasm', 10],
    ];
    const summary = summarizeCache([
      { source: HUGGING_FACE, report: report('Llama-3.1-8B-Instruct-q4f32_1-MLC', shared) },
      { source: HUGGING_FACE, report: report('Llama-3.1-8B-Instruct-q4f32_1-MLC-1k', shared) },
      { source: HF_MIRROR, report: report(QWEN.id, [['https://m/Q/resolve/main/params_shard_0.bin', 50]], { complete: false, missingShards: 3 }) },
    ]);
    expect(summary.totalBytes).toBe(1060);
    expect(summary.rows).toHaveLength(2);
    const [llama, qwen] = summary.rows;
    expect(llama!.modelIds).toEqual(['Llama-3.1-8B-Instruct-q4f32_1-MLC', 'Llama-3.1-8B-Instruct-q4f32_1-MLC-1k']);
    expect(llama!.label).toBe('Llama 3.1 8B Instruct · q4f32_1（不同上下文长度的版本共用这些文件）');
    expect(llama!.bytes).toBe(1010);
    expect(llama!.state).toBe('complete');
    expect(qwen!.source).toBe(HF_MIRROR);
    expect(qwen!.state).toBe('partial');
    expect(describeRowState(qwen!)).toContain('还缺 3 个权重文件');
  });

  test('one damaged file makes the row damaged', () => {
    const damaged = report(QWEN.id, [['https://h/Q/resolve/main/tensor-cache.json', 10]]);
    damaged.files[0]!.problem = 'not-json';
    const [row] = summarizeCache([{ source: HUGGING_FACE, report: damaged }]).rows;
    expect(row!.state).toBe('damaged');
    expect(describeRowState(row!)).toMatch(/损坏.*删除后重新下载/);
  });
});

describe('after a failed download', () => {
  const partial = report(QWEN.id, [
    ['https://h/Q/resolve/main/mlc-chat-config.json', 2 * 1024],
    ['https://h/Q/resolve/main/params_shard_0.bin', 30 * MiB],
  ]);

  test('a refused or interrupted download resumes, keeping what arrived', () => {
    const recovery = recoveryFor('network', partial);
    expect(recovery).toEqual({ action: 'resume', message: `已下载的 2 个文件（${aboutBytes(30 * MiB + 2048)}）会保留，重试时只下载缺少的部分。` });
    expect(recoveryFor('download-failed', undefined)).toEqual({ action: 'resume', message: '重试时会重新开始下载。' });
  });

  test('a corrupt library, a failed integrity check or any damaged file needs a clean re-download', () => {
    expect(recoveryFor('corrupt-model-library', partial).action).toBe('clean-redownload');
    expect(recoveryFor('integrity', undefined).action).toBe('clean-redownload');
    const damaged = { ...partial, files: [{ ...partial.files[0]!, problem: 'not-json' as const }] };
    expect(recoveryFor('unknown', damaged).action).toBe('clean-redownload');
    expect(recoveryFor('network', damaged).action).toBe('clean-redownload');
  });

  test('other failures have no download remedy', () => {
    expect(recoveryFor('device-lost', partial)).toEqual({ action: 'none' });
    expect(recoveryFor('storage-quota', partial)).toEqual({ action: 'none' });
  });
});

describe('persistent storage', () => {
  const storage = (persisted: boolean, grants: boolean | Error) => ({
    persisted: async () => persisted,
    persist: async () => {
      if (grants instanceof Error) throw grants;
      return grants;
    },
  });

  test.each([
    ['granted', storage(false, true)],
    ['already', storage(true, false)],
    ['denied', storage(false, false)],
    ['unsupported', storage(false, new Error('no'))],
    ['unsupported', undefined],
  ] as const)('%s', async (outcome, manager) => {
    expect(await requestPersistentStorage(manager)).toBe(outcome);
    expect(describePersistOutcome(outcome)).toMatch(/[\u4e00-\u9fff]/);
  });

  test('each outcome tells the reader something different', () => {
    const texts = (['granted', 'already', 'denied', 'unsupported'] as const).map(describePersistOutcome);
    expect(new Set(texts).size).toBe(4);
    expect(describePersistOutcome('denied')).toContain('可能自动清除');
  });

  test('asked only when a model was not cached before the load', async () => {
    expect(await persistIfFirstDownload(true)).toBeNull();
    // Node has no navigator.storage: the reader is told the browser cannot promise to keep files.
    expect(await persistIfFirstDownload(false)).toBe(describePersistOutcome('unsupported'));
  });

  test('storage figures, or null when the browser does not say', async () => {
    expect(await readStorageFigures({ estimate: async () => ({ usage: 5, quota: 10 }) })).toEqual({ usage: 5, quota: 10 });
    expect(await readStorageFigures({ estimate: async () => ({}) })).toBeNull();
    expect(await readStorageFigures(undefined)).toBeNull();
  });
});
