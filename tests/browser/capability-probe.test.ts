import { expect, test } from 'vitest';
import { probeGpu } from '../../src/playground/gpu/probe-gpu';
import { probeGpuInWorker } from '../../src/playground/gpu/probe-in-worker';
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

test('the probe run in its worker sees what it sees on the page', async () => {
  const RealWorker = globalThis.Worker;
  const answers: unknown[] = [];
  try {
    globalThis.Worker = class extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (event) => answers.push(event.data));
      }
    };
    const inWorker = await probeGpuInWorker();
    expect(answers).toEqual([inWorker]);
    expect(inWorker.adapter?.info?.architecture).toBe('swiftshader');
    expect(inWorker).toEqual(await probeGpu());
  } finally {
    globalThis.Worker = RealWorker;
  }
});

test('where the worker cannot start, or its script fails, the probe answers from the page', async () => {
  const onThePage = await probeGpu();
  const RealWorker = globalThis.Worker;
  try {
    globalThis.Worker = class {
      constructor() {
        throw new DOMException('refused by policy', 'SecurityError');
      }
    } as unknown as typeof Worker;
    expect(await probeGpuInWorker()).toEqual(onThePage);

    globalThis.Worker = class extends EventTarget {
      onerror: ((event: Event) => void) | null = null;
      terminate() {}
      constructor() {
        super();
        // As a worker whose script is unreachable (offline, not yet cached): an error event.
        queueMicrotask(() => this.onerror?.(new Event('error', { cancelable: true })));
      }
    } as unknown as typeof Worker;
    expect(await probeGpuInWorker()).toEqual(onThePage);
  } finally {
    globalThis.Worker = RealWorker;
  }
});
