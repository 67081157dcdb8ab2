/**
 * Vitest browser commands that record a Chrome trace of the bench page (DevTools protocol) and
 * report the longest task on the page's main thread twice: as wall-clock time, which is what a
 * reader waits, and as the main thread's own CPU time within it. On a busy machine the two differ:
 * a task can last 100 ms while the thread ran for 1 ms, the rest waiting for a core. The first
 * says whether the page stuttered, the second whether its own work caused it.
 */
import type { BrowserCommand } from 'vitest/node';
import type { CDPSession } from '@playwright/test';

export interface LongestTask {
  wallMs: number;
  cpuMs: number;
  /** The longest script or garbage collection inside the task ("FunctionCall onRecvMsg", "MajorGC"). */
  longestPart: string;
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string } };
}

let session: CDPSession | null = null;
let events: TraceEvent[] = [];

const traceStart: BrowserCommand<[]> = async ({ page }) => {
  events = [];
  session = await page.context().newCDPSession(page);
  session.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await session.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'] },
  });
};

const traceStop: BrowserCommand<[], LongestTask | null> = async () => {
  if (session === null) throw new Error('traceStop without traceStart');
  const done = new Promise((resolve) => session!.once('Tracing.tracingComplete', resolve));
  await session.send('Tracing.end');
  await done;
  await session.detach();
  session = null;
  return longestMainThreadTask(events);
};

function longestMainThreadTask(trace: readonly TraceEvent[]): LongestTask | null {
  const main = new Set(
    trace.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const spans = trace.filter((e) => e.ph === 'X' && e.dur !== undefined && main.has(`${e.pid}:${e.tid}`));
  const tasks = spans.filter((e) => e.name === 'RunTask');
  const longest = tasks.reduce<TraceEvent | null>((best, task) => (task.dur! > (best?.dur ?? -1) ? task : best), null);
  if (longest === null) return null;
  const end = longest.ts + longest.dur!;
  const parts = spans.filter(
    (e) => e !== longest && e.pid === longest.pid && e.tid === longest.tid && e.ts >= longest.ts && e.ts + e.dur! <= end,
  );
  const named = parts.filter((e) => e.name === 'FunctionCall' || e.name === 'MajorGC' || e.name === 'MinorGC');
  const part = named.sort((a, b) => b.dur! - a.dur!)[0];
  return {
    wallMs: longest.dur! / 1000,
    cpuMs: (longest.tdur ?? 0) / 1000,
    longestPart: part === undefined ? '' : `${part.name}${part.args?.data?.functionName ? ` ${part.args.data.functionName}` : ''}`,
  };
}

export const traceCommands = { traceStart, traceStop };

declare module 'vitest/browser' {
  interface BrowserCommands {
    traceStart(): Promise<void>;
    traceStop(): Promise<LongestTask | null>;
  }
}
