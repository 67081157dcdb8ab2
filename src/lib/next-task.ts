/**
 * Ends the current task and resumes the caller in a new one, so the browser can handle input and
 * draw in between. An island's start-up is several pieces of main-thread work (requesting its
 * code, building its view, asking for the GPU adapter); run back to back they make one task long
 * enough to hold up a tap on a phone.
 */
export function nextTask(): Promise<void> {
  // scheduler.yield() resumes ahead of other queued tasks (Chromium 129+); elsewhere a zero timeout.
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
