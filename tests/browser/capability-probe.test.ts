import { expect, test } from 'vitest';
import { probeGpu } from '../../src/playground/gpu/probe-gpu';
import { decideCapability } from '../../src/playground/gpu/capability';
import { buildFitsDevice, CATALOGUE, pickDefaultBuilds } from '../../src/playground/catalogue';

// Real headless Chromium with --enable-unsafe-webgpu: a SwiftShader adapter without shader-f16.
test('the probe finds the SwiftShader adapter and the decision offers f32 builds only', async () => {
  const environment = await probeGpu();
  expect(environment.isSecureContext).toBe(true);
  expect(environment.hasNavigatorGpu).toBe(true);
  expect(environment.adapter).not.toBeNull();
  expect(environment.adapter!.features).not.toContain('shader-f16');
  expect(environment.adapter!.limits.maxBufferSize).toBeGreaterThanOrEqual(256 * 1024 ** 2);
  expect(environment.adapter!.info?.architecture).toBe('swiftshader');

  const decision = decideCapability(environment);
  expect(decision.ok).toBe(true);
  expect(decision.shaderF16).toBe(false);
  expect(decision.allowedQuantizations).toEqual(['q4f32_1', 'q0f32']);
  expect(decision.allowedQuantizations.some((q) => q.startsWith('q4f32'))).toBe(true);

  // The description is plain data (it could be posted to a worker or stored).
  expect(structuredClone(environment)).toEqual(environment);

  const device = {
    shaderF16: decision.shaderF16,
    maxBufferSize: environment.adapter!.limits.maxBufferSize,
    maxStorageBufferBindingSize: environment.adapter!.limits.maxStorageBufferBindingSize,
  };
  const picks = pickDefaultBuilds(device);
  expect(picks.qwen?.quantization).toBe('q4f32_1');
  expect(picks.llama?.quantization).toBe('q4f32_1');
  expect(CATALOGUE.filter((e) => buildFitsDevice(e, device)).every((e) => !e.quantization.includes('f16'))).toBe(true);
});
