/**
 * nextTask() (src/lib/next-task.ts) splits an island's start-up into tasks: what follows it must
 * not run until the current task has ended, or the pieces stay one long task that holds up input.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { nextTask } from '../../src/lib/next-task';

/** Lets every queued microtask run (a promise chain resolving within the current task). */
async function drainMicrotasks(): Promise<void> {
  for (let turn = 0; turn < 50; turn += 1) await Promise.resolve();
}

describe('nextTask', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  test('resumes only after the current task, never among its microtasks', async () => {
    let resumed = false;
    const after = nextTask().then(() => (resumed = true));
    await drainMicrotasks();
    expect(resumed).toBe(false);
    await after;
    expect(resumed).toBe(true);
  });

  test('uses scheduler.yield() where the browser has it, so the rest runs ahead of other queued work', async () => {
    const yielded = vi.fn(() => Promise.resolve());
    vi.stubGlobal('scheduler', { yield: yielded });
    await nextTask();
    expect(yielded).toHaveBeenCalledOnce();
  });
});
