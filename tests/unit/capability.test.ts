import { describe, expect, test } from 'vitest';
import {
  decideCapability,
  type AdapterDescription,
  type EnvironmentDescription,
} from '../../src/playground/gpu/capability';
import { probeGpu } from '../../src/playground/gpu/probe-gpu';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

const desktopF16: AdapterDescription = {
  features: ['shader-f16', 'subgroups'],
  limits: {
    maxBufferSize: 4 * GiB,
    maxStorageBufferBindingSize: 2 * GiB,
    maxComputeWorkgroupStorageSize: 32768,
    maxStorageBuffersPerShaderStage: 10,
  },
  info: { vendor: 'nvidia', architecture: 'ampere', description: '' },
};
const swiftShader: AdapterDescription = {
  features: ['float32-filterable'],
  limits: { maxBufferSize: GiB, maxStorageBufferBindingSize: GiB },
  info: { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device' },
};
const env = (over: Partial<EnvironmentDescription>): EnvironmentDescription => ({
  isSecureContext: true,
  hasNavigatorGpu: true,
  adapter: desktopF16,
  ...over,
});

describe('decideCapability', () => {
  test('insecure context (http://) is reported as such, not as "no WebGPU"', () => {
    const decision = decideCapability(env({ isSecureContext: false, hasNavigatorGpu: false, adapter: null }));
    expect(decision).toMatchObject({ ok: false, reason: 'insecure-context', allowedQuantizations: [] });
    expect(decision.message).toMatch(/https/);
  });

  test('no navigator.gpu: names browsers that work', () => {
    const decision = decideCapability(env({ hasNavigatorGpu: false, adapter: null }));
    expect(decision).toMatchObject({ ok: false, reason: 'no-webgpu', allowedQuantizations: [] });
    for (const browser of ['Chrome', 'Edge', '113', '121', 'Safari 26', 'Firefox 141']) {
      expect(decision.message).toContain(browser);
    }
  });

  test('navigator.gpu but no adapter', () => {
    const decision = decideCapability(env({ adapter: null }));
    expect(decision).toMatchObject({ ok: false, reason: 'no-adapter', shaderF16: false, allowedQuantizations: [] });
    expect(decision.message).toMatch(/硬件加速/);
  });

  test('on a phone or tablet, names the mobile browsers that have WebGPU instead of desktop settings', () => {
    for (const over of [{ hasNavigatorGpu: false }, {}]) {
      const decision = decideCapability(env({ ...over, adapter: null, mobile: true }));
      expect(decision.ok).toBe(false);
      for (const fact of ['Android 12', 'Chrome 121', 'iOS', 'Safari']) expect(decision.message).toContain(fact);
      expect(decision.message).not.toMatch(/硬件加速|驱动|Windows/);
    }
  });

  test('no shader-f16: ok, f32 builds only', () => {
    const decision = decideCapability(env({ adapter: swiftShader }));
    expect(decision).toMatchObject({ ok: true, shaderF16: false });
    expect(decision.reason).toBeUndefined();
    expect(decision.allowedQuantizations).toEqual(['q4f32_1', 'q0f32']);
    expect(decision.message).toMatch(/shader-f16/);
  });

  test('limits below what web-llm requests', () => {
    const small = { ...desktopF16, limits: { maxBufferSize: 128 * MiB, maxStorageBufferBindingSize: 64 * MiB } };
    expect(decideCapability(env({ adapter: small }))).toMatchObject({
      ok: false,
      reason: 'limits-too-small',
      allowedQuantizations: [],
    });
    const fewBuffers = { ...desktopF16, limits: { ...desktopF16.limits, maxStorageBuffersPerShaderStage: 8 } };
    expect(decideCapability(env({ adapter: fewBuffers })).reason).toBe('limits-too-small');
  });

  test('exactly web-llm\'s fallback minimum still works', () => {
    const edge = { ...swiftShader, limits: { maxBufferSize: 256 * MiB, maxStorageBufferBindingSize: 128 * MiB } };
    expect(decideCapability(env({ adapter: edge })).ok).toBe(true);
  });

  test('all good: every quantization', () => {
    const decision = decideCapability(env({}));
    expect(decision).toMatchObject({ ok: true, shaderF16: true });
    expect(decision.allowedQuantizations).toEqual(['q4f16_1', 'q4f32_1', 'q0f16', 'q0f32']);
  });

  test('every message is one Chinese sentence without English error text', () => {
    const cases = [
      env({ isSecureContext: false }),
      env({ hasNavigatorGpu: false, adapter: null }),
      env({ adapter: null }),
      env({ adapter: { ...desktopF16, limits: { maxBufferSize: 1, maxStorageBufferBindingSize: 1 } } }),
      env({ adapter: swiftShader }),
      env({}),
      env({ hasNavigatorGpu: false, adapter: null, mobile: true }),
      env({ adapter: null, mobile: true }),
    ];
    for (const c of cases) {
      const { message } = decideCapability(c);
      expect(message).toMatch(/[\u4e00-\u9fff]/);
      expect(message).toMatch(/。$/);
      expect(message.slice(0, -1)).not.toMatch(/。/);
    }
  });
});

describe('probeGpu (with a stand-in navigator)', () => {
  test('no navigator.gpu', async () => {
    expect(await probeGpu({}, true)).toEqual({ isSecureContext: true, hasNavigatorGpu: false, adapter: null, mobile: false });
  });

  test('requestAdapter() resolving null or throwing both mean no adapter', async () => {
    expect((await probeGpu({ gpu: { requestAdapter: async () => null } }, true)).adapter).toBeNull();
    const throwing = { gpu: { requestAdapter: async () => { throw new Error('GPU process crashed'); } } };
    expect(await probeGpu(throwing, true)).toEqual({ isSecureContext: true, hasNavigatorGpu: true, adapter: null, mobile: false });
  });

  test('tells phones and tablets (iPadOS Safari says Macintosh) from desktops', async () => {
    const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
    const ipad = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15';
    expect((await probeGpu({ userAgent: android }, true)).mobile).toBe(true);
    expect((await probeGpu({ userAgent: ipad, maxTouchPoints: 5 }, true)).mobile).toBe(true);
    expect((await probeGpu({ userAgent: ipad, maxTouchPoints: 0 }, true)).mobile).toBe(false);
    expect((await probeGpu({ userAgent: android, userAgentData: { mobile: false } }, true)).mobile).toBe(false);
  });
});
