/**
 * How many threads the CPU path runs on. llama.cpp's WebAssembly build can use several threads
 * only when the page is cross-origin isolated (COOP/COEP headers, which make SharedArrayBuffer
 * available); otherwise it runs on one. Half the logical cores, as wllama does by default, leaves
 * the others to the page and the rest of the device.
 */

export interface CpuThreads {
  multiThread: boolean;
  threads: number;
}

export function cpuThreads(
  isolated: boolean = globalThis.crossOriginIsolated === true,
  logicalCores: number = globalThis.navigator?.hardwareConcurrency ?? 1,
): CpuThreads {
  const threads = isolated ? Math.max(1, Math.floor(logicalCores / 2)) : 1;
  return { multiThread: threads > 1, threads };
}

/** One Chinese sentence for the reader: which mode runs, and why. */
export function describeThreads({ multiThread, threads }: CpuThreads): string {
  return multiThread
    ? `用 CPU 运行（多线程：${threads} 个线程）。`
    : '用 CPU 运行（单线程：本站没有启用跨源隔离，浏览器不允许多线程）。';
}
