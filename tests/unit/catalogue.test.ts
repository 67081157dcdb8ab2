import { describe, expect, test } from 'vitest';
// Node can import the installed package (ESM, no browser globals at import time); this is the
// source of truth the static catalogue must match.
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import {
  CATALOGUE,
  buildFitsDevice,
  estimateDownloadBytes,
  findCatalogueEntry,
  pickDefaultBuilds,
  type DeviceProfile,
} from '../../src/playground/catalogue';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const prebuilt = new Map(prebuiltAppConfig.model_list.map((record) => [record.model_id, record]));

describe('catalogue matches the installed web-llm', () => {
  test.each(CATALOGUE.map((entry) => [entry.id, entry] as const))('%s', (id, entry) => {
    const record = prebuilt.get(id);
    expect(record, `${id} is not in prebuiltAppConfig`).toBeDefined();
    expect(entry.vramRequiredMB).toBe(record!.vram_required_MB);
    expect(entry.lowResourceRequired).toBe(record!.low_resource_required);
    expect(entry.contextWindow).toBe(record!.overrides?.context_window_size);
    // These builds do not declare shader-f16; if web-llm starts to, our own filter is redundant
    // but the capability message should be revisited.
    expect(record!.required_features ?? []).toEqual([]);
  });

  test('ids are unique', () => {
    expect(new Set(CATALOGUE.map((e) => e.id)).size).toBe(CATALOGUE.length);
  });

  test('every quantization web-llm offers for our models is in the catalogue', () => {
    const bases = [...new Set(CATALOGUE.map((e) => e.id.replace(/-q\d+f\d+(?:_\d)?-MLC(?:-1k)?$/, '')))];
    for (const base of bases) {
      const offered = [...prebuilt.keys()].filter((id) =>
        new RegExp(`^${base.replace(/\./g, '\\.')}-q\\d+f\\d+(?:_\\d)?-MLC(?:-1k)?$`).test(id),
      );
      for (const id of offered) expect(findCatalogueEntry(id), `${id} missing`).toBeDefined();
    }
  });
});

describe('required families and sizes', () => {
  const required: [family: 'qwen' | 'llama', base: string][] = [
    ['qwen', 'Qwen2.5-0.5B-Instruct'],
    ['qwen', 'Qwen2.5-1.5B-Instruct'],
    ['qwen', 'Qwen2.5-3B-Instruct'],
    ['qwen', 'Qwen2.5-7B-Instruct'],
    ['qwen', 'Qwen3-0.6B'],
    ['qwen', 'Qwen3-1.7B'],
    ['qwen', 'Qwen3-4B'],
    ['qwen', 'Qwen3-8B'],
    ['llama', 'Llama-3.2-1B-Instruct'],
    ['llama', 'Llama-3.2-3B-Instruct'],
    ['llama', 'Llama-3.1-8B-Instruct'],
    ['llama', 'Llama-3-8B-Instruct'],
  ];
  test.each(required)('%s %s in q4f16_1 and q4f32_1', (family, base) => {
    for (const quant of ['q4f16_1', 'q4f32_1']) {
      const entry = findCatalogueEntry(`${base}-${quant}-MLC`);
      expect(entry, `${base} ${quant}`).toBeDefined();
      expect(entry!.family).toBe(family);
      expect(entry!.quantization).toBe(quant);
      expect(entry!.displayName.length).toBeGreaterThan(0);
      expect(entry!.parameterCount).toBeGreaterThan(1e8);
    }
  });

  test('the -1k builds of the 8B Llamas are offered with a 1024-token window', () => {
    for (const id of [
      'Llama-3.1-8B-Instruct-q4f16_1-MLC-1k',
      'Llama-3.1-8B-Instruct-q4f32_1-MLC-1k',
      'Llama-3-8B-Instruct-q4f16_1-MLC-1k',
      'Llama-3-8B-Instruct-q4f32_1-MLC-1k',
    ]) {
      expect(findCatalogueEntry(id)?.contextWindow).toBe(1024);
    }
  });

  test('recommended sampling follows web-llm-chat', () => {
    for (const entry of CATALOGUE) {
      expect(entry.recommendedSampling).toEqual(
        entry.family === 'llama' ? { temperature: 0.6, top_p: 0.9 } : { temperature: 0.7, top_p: 0.8 },
      );
    }
  });
});

describe('estimated download size', () => {
  test('is parameters × bits / 8 plus the fixed allowance', () => {
    expect(estimateDownloadBytes(1e9, 'q4f16_1')).toBe(562_500_000 + 16 * MiB);
    expect(estimateDownloadBytes(1e9, 'q4f32_1')).toBe(625_000_000 + 16 * MiB);
    expect(estimateDownloadBytes(1e9, 'q0f16')).toBe(2e9 + 16 * MiB);
  });

  test('grows with size and precision', () => {
    const q05 = findCatalogueEntry('Qwen2.5-0.5B-Instruct-q4f16_1-MLC')!;
    const q05f32 = findCatalogueEntry('Qwen2.5-0.5B-Instruct-q4f32_1-MLC')!;
    const q7 = findCatalogueEntry('Qwen2.5-7B-Instruct-q4f16_1-MLC')!;
    expect(q05.estimatedDownloadBytes).toBeLessThan(q05f32.estimatedDownloadBytes);
    expect(q05.estimatedDownloadBytes).toBeLessThan(q7.estimatedDownloadBytes);
    // Sanity against what MLC publishes for these: ~0.3 GB and ~4.3 GB.
    expect(q05.estimatedDownloadBytes / 1e9).toBeGreaterThan(0.25);
    expect(q05.estimatedDownloadBytes / 1e9).toBeLessThan(0.35);
    expect(q7.estimatedDownloadBytes / 1e9).toBeGreaterThan(4);
    expect(q7.estimatedDownloadBytes / 1e9).toBeLessThan(4.7);
  });
});

describe('pickDefaultBuilds', () => {
  const bigF16: DeviceProfile = { shaderF16: true, maxBufferSize: 4 * GiB, maxStorageBufferBindingSize: 2 * GiB };
  const swiftShaderLike: DeviceProfile = { shaderF16: false, maxBufferSize: GiB, maxStorageBufferBindingSize: GiB };
  const tiny: DeviceProfile = { shaderF16: true, maxBufferSize: 128 * MiB, maxStorageBufferBindingSize: 64 * MiB };

  test('f16 adapter with big limits: smallest q4f16 of each family', () => {
    const picks = pickDefaultBuilds(bigF16);
    expect(picks.qwen?.id).toBe('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    expect(picks.llama?.id).toBe('Llama-3.2-1B-Instruct-q4f16_1-MLC');
  });

  test('SwiftShader-like adapter (no shader-f16): q4f32 only', () => {
    const picks = pickDefaultBuilds(swiftShaderLike);
    expect(picks.qwen?.id).toBe('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    expect(picks.llama?.id).toBe('Llama-3.2-1B-Instruct-q4f32_1-MLC');
    expect(CATALOGUE.filter((e) => buildFitsDevice(e, swiftShaderLike)).every((e) => !e.quantization.includes('f16'))).toBe(true);
  });

  test('tiny limits: nothing fits, for either family', () => {
    expect(pickDefaultBuilds(tiny)).toEqual({ qwen: null, llama: null });
    expect(CATALOGUE.some((e) => buildFitsDevice(e, tiny))).toBe(false);
  });

  test('a VRAM budget excludes builds that need more', () => {
    // 900 MB: Llama 3.2 1B q4f16 (879 MB) fits, the smallest Qwen (944 MB) does not.
    const picks = pickDefaultBuilds({ ...bigF16, vramBudgetMB: 900 });
    expect(picks.llama?.id).toBe('Llama-3.2-1B-Instruct-q4f16_1-MLC');
    expect(picks.qwen).toBeNull();
  });

  test('a phone-sized storage binding limit keeps only low-resource builds', () => {
    const phone: DeviceProfile = { shaderF16: true, maxBufferSize: GiB, maxStorageBufferBindingSize: 128 * MiB };
    const fitting = CATALOGUE.filter((e) => buildFitsDevice(e, phone));
    expect(fitting.length).toBeGreaterThan(0);
    expect(fitting.every((e) => e.lowResourceRequired)).toBe(true);
    expect(fitting.map((e) => e.id)).not.toContain('Qwen2.5-7B-Instruct-q4f16_1-MLC');
    expect(fitting.map((e) => e.id)).toContain('Llama-3.1-8B-Instruct-q4f16_1-MLC-1k');
  });
});
