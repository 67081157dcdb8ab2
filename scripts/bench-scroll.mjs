// Style and layout per frame while a phone reader scrolls the article from top to bottom: a
// Chromium trace (CDP Tracing) of the renderer's main thread at 390×844. Each step scrolls 80% of a
// screen and waits for the next frame; every style recalculation (UpdateLayoutTree) and layout is
// counted in the frame it ran in. Two clocks: wall time (what the reader waits, but stretched by
// whatever else a shared machine runs: several times over on a busy one) and the main thread's
// own CPU time (the trace's thread duration, which other processes do not stretch; Chromium's CPU
// throttle does, so with `cpuSlowdown` 4, like Lighthouse's mobile profile, it stands for a
// mid-range phone). Printed by `npm run bench:lighthouse`, never asserted.

const counted = new Set(['UpdateLayoutTree', 'Layout']);

/** Median, 95th percentile and worst of per-frame sums, in ms. */
function spread(frames) {
  const worked = frames.filter((ms) => ms > 0).sort((a, b) => a - b);
  const at = (q) => worked[Math.min(worked.length - 1, Math.floor(q * worked.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), max: worked.at(-1) ?? 0 };
}

/**
 * Per-frame style+layout figures: how many frames had any, and the median, 95th percentile and
 * worst of them in wall time (`wall`) and in main-thread CPU time (`cpu`), in ms.
 */
export function styleLayoutPerFrame(traceEvents) {
  const threads = new Map();
  for (const event of traceEvents) if (event.name === 'thread_name') threads.set(`${event.pid}:${event.tid}`, event.args.name);
  const main = traceEvents
    .filter((event) => threads.get(`${event.pid}:${event.tid}`) === 'CrRendererMain')
    .sort((a, b) => a.ts - b.ts);
  const wall = [];
  const cpu = [];
  let busyUntil = 0;
  for (const event of main) {
    if (event.name === 'BeginMainThreadFrame') wall.push(0), cpu.push(0);
    else if (counted.has(event.name) && event.ph === 'X' && wall.length > 0 && event.ts >= busyUntil) {
      wall[wall.length - 1] += event.dur / 1000;
      cpu[cpu.length - 1] += (event.tdur ?? event.dur) / 1000;
      busyUntil = event.ts + event.dur; // nested events are inside this one
    }
  }
  return { frames: wall.filter((ms) => ms > 0).length, wall: spread(wall), cpu: spread(cpu) };
}

/** Scrolls `url` through in a phone-sized page of `browser`, the CPU `cpuSlowdown` times slower, and returns styleLayoutPerFrame's figures. */
export async function scrollFrames(browser, url, { cpuSlowdown = 4 } = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(url, { waitUntil: 'networkidle' });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline.frame', transferMode: 'ReportEvents' });
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    while (scrollY + innerHeight < document.documentElement.scrollHeight - 1) {
      const before = scrollY;
      scrollBy(0, innerHeight * 0.8);
      await frame();
      if (scrollY === before) break;
    }
  });
  await cdp.send('Tracing.end');
  await complete;
  await context.close();
  return styleLayoutPerFrame(events);
}
