import { describe, expect, test } from 'vitest';
import { findCatalogueEntry, type DeviceProfile } from '../../src/playground/catalogue';
import {
  buildFacts,
  NO_SHADER_F16_REASON,
  pickerChoices,
  smallerBuildThan,
} from '../../src/playground/session/model-picker';
import { formatPercent } from '../../src/playground/ui/progress';
import { formatRate, groupDigits } from '../../src/playground/ui/format';
import { splitThinking } from '../../src/playground/session/thinking';

const GiB = 1024 ** 3;
const noF16: DeviceProfile = { shaderF16: false, maxBufferSize: GiB, maxStorageBufferBindingSize: GiB };
const phone: DeviceProfile = { shaderF16: true, maxBufferSize: 256 * 2 ** 20, maxStorageBufferBindingSize: 128 * 2 ** 20 };
const entry = (id: string) => {
  const found = findCatalogueEntry(id);
  if (!found) throw new Error(id);
  return found;
};

describe('pickerChoices', () => {
  test('without shader-f16 every f16 build is listed but disabled, saying why', () => {
    const builds = pickerChoices(noF16).flatMap((f) => f.models.flatMap((m) => m.builds));
    const f16 = builds.filter((b) => /f16/.test(b.entry.quantization));
    expect(f16.length).toBeGreaterThan(10);
    for (const build of f16) expect(build).toMatchObject({ available: false, reason: NO_SHADER_F16_REASON });
    const available = builds.filter((b) => b.available);
    expect(available.length).toBeGreaterThan(10);
    for (const build of available) expect(build.entry.quantization).toMatch(/f32/);
  });

  test('a low-resource device disables the big builds but keeps a model of each family', () => {
    const families = pickerChoices(phone);
    expect(families.every((f) => f.available)).toBe(true);
    const qwen7b = families[0]!.models.find((m) => m.name === 'Qwen2.5 7B Instruct')!;
    expect(qwen7b.available).toBe(false);
    expect(qwen7b.builds[0]!.reason).toMatch(/缓冲区/);
  });
});

describe('smallerBuildThan', () => {
  test('steps down within the series: 3B → 1.5B, 8B → its 1k build', () => {
    expect(smallerBuildThan(entry('Qwen2.5-3B-Instruct-q4f32_1-MLC'), noF16)?.id).toBe('Qwen2.5-1.5B-Instruct-q4f32_1-MLC');
    expect(smallerBuildThan(entry('Llama-3.1-8B-Instruct-q4f32_1-MLC'), noF16)?.id).toBe('Llama-3.1-8B-Instruct-q4f32_1-MLC-1k');
  });

  test('never suggests an unquantized build, and null when nothing smaller runs', () => {
    const fromQwen3 = smallerBuildThan(entry('Qwen3-0.6B-q4f32_1-MLC'), noF16);
    expect(fromQwen3?.quantization).toBe('q4f32_1');
    expect(smallerBuildThan(entry('Qwen2.5-0.5B-Instruct-q4f32_1-MLC'), noF16)).toBeNull();
  });
});

describe('wording', () => {
  test('download sizes are labelled as estimates', () => {
    expect(buildFacts(entry('Qwen2.5-0.5B-Instruct-q4f32_1-MLC'))).toMatch(/^估计下载约 \d+ MB · 需要显存约 1\.1 GB · 上下文 4096 token$/);
    expect(groupDigits(12_345.4)).toBe('12,345');
    expect(groupDigits(1_234_567.85, 1)).toBe('1,234,567.9');
    expect(formatRate(1_234_567.8, 'token')).toBe('1,234,568 token/秒');
    expect(formatPercent(0.999)).toBe('99%');
    expect(formatPercent(1)).toBe('100%');
  });
});

describe('splitThinking', () => {
  test('separates Qwen3 reasoning, also while it is still being written', () => {
    expect(splitThinking('<think>\n想一想\n</think>\n\n答案')).toEqual({ thinking: '想一想', thinkingDone: true, answer: '答案' });
    expect(splitThinking('<think>还在想')).toEqual({ thinking: '还在想', thinkingDone: false, answer: '' });
    expect(splitThinking('普通回答 <think>')).toEqual({ thinking: null, thinkingDone: true, answer: '普通回答 <think>' });
  });
});
