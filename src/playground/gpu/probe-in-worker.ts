/**
 * The WebGPU probe every island uses: probe-gpu.ts run in a worker of its own (probe-worker.ts),
 * so the main thread stays free while the page loads. Where no worker can start (no Worker, its
 * script unreachable offline), the probe runs here instead: a slower start beats no answer.
 */
import type { EnvironmentDescription } from './capability';
import { probeGpu, type GpuNavigator } from './probe-gpu';

export function probeGpuInWorker(): Promise<EnvironmentDescription> {
  const nav = globalThis.navigator as GpuNavigator | undefined;
  // No navigator.gpu on the page: nothing to ask the GPU process, so no worker to start.
  if (typeof Worker === 'undefined' || nav?.gpu === undefined || nav.gpu === null) return probeGpu();
  let worker: Worker;
  try {
    // This exact `new Worker(new URL(...), …)` shape is what Vite bundles as a worker chunk.
    worker = new Worker(new URL('./probe-worker.ts', import.meta.url), { type: 'module', name: 'gpu-probe' });
  } catch {
    return probeGpu();
  }
  return new Promise<EnvironmentDescription>((resolve) => {
    const settle = (answer: Promise<EnvironmentDescription>) => {
      worker.terminate();
      resolve(answer);
    };
    worker.onmessage = (event: MessageEvent<EnvironmentDescription>) => settle(Promise.resolve(event.data));
    worker.onerror = (event) => {
      event.preventDefault();
      settle(probeGpu());
    };
    worker.onmessageerror = () => settle(probeGpu());
  });
}
