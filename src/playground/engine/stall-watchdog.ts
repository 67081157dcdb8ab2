/**
 * Notices a model load that stopped moving: no progress report and no downloaded byte for a
 * phase's allowance of seconds. A host that accepts a connection and then sends nothing, or a body
 * that never finishes, would otherwise leave the reader at "准备中：0%" forever. Pure apart from
 * the timer functions, which tests replace.
 */

/** The parts of a load, as the reader is told about them when one stalls. */
export type StallPhase = 'config' | 'library' | 'download' | 'cache' | 'compile';

/**
 * Seconds without any progress before a phase counts as stalled. Downloads report every chunk,
 * so a short allowance is safe even on slow links; reading from the cache and compiling shaders
 * report per shard and per shader module, which can take long on a weak device.
 */
export const STALL_SECONDS: Readonly<Record<StallPhase, number>> = {
  config: 30,
  library: 30,
  download: 30,
  cache: 90,
  compile: 180,
};

/** Which phase a request belongs to, from the file it asks for. */
export function phaseOfRequest(url: string): StallPhase {
  const path = new URL(url).pathname;
  if (path.endsWith('.wasm')) return 'library';
  if (/\/params_shard_\d+\.bin$/.test(path)) return 'download';
  return 'config';
}

export interface StallWatchdog {
  /** Something moved; `phase` switches the allowance when the load entered another phase. */
  progress(phase?: StallPhase): void;
  stop(): void;
}

interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Starts watching in `phase`; `onStall` runs at most once. */
export function watchForStall(
  phase: StallPhase,
  onStall: (phase: StallPhase, seconds: number) => void,
  timers: Timers = realTimers,
): StallWatchdog {
  let current = phase;
  let handle: unknown = null;
  let stopped = false;
  const arm = () => {
    if (handle !== null) timers.clearTimeout(handle);
    const seconds = STALL_SECONDS[current];
    handle = timers.setTimeout(() => {
      if (stopped) return;
      stopped = true;
      onStall(current, seconds);
    }, seconds * 1000);
  };
  arm();
  return {
    progress(next) {
      if (stopped) return;
      if (next !== undefined) current = next;
      arm();
    },
    stop() {
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
    },
  };
}
