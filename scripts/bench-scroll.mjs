// Style and layout per frame while a phone reader scrolls the article from top to bottom: a
// Chromium trace (CDP Tracing) of the renderer's main thread, 390×844, CPU 4× slower like
// Lighthouse's mobile profile. Each step scrolls 80% of a screen and waits for the next frame;
// every style recalculation and layout is counted in the frame it ran in. Printed by
// `npm run bench:lighthouse`, never asserted: the machine's load moves it.

const counted = new Set(['UpdateLayoutTree', 'Layout']);

/** Median, 95th percentile and worst of the per-frame style+layout times, in ms, and the frame count. */
export function styleLayoutPerFrame(traceEvents) {
  const threads = new Map();
  for (const event of traceEvents) if (event.name === 'thread_name') threads.set(`${event.pid}:${event.tid}`, event.args.name);
  const main = traceEvents
    .filter((event) => threads.get(`${event.pid}:${event.tid}`) === 'CrRendererMain')
    .sort((a, b) => a.ts - b.ts);
  const frames = [];
  let busyUntil = 0;
  for (const event of main) {
    if (event.name === 'BeginMainThreadFrame') frames.push(0);
    else if (counted.has(event.name) && event.ph === 'X' && frames.length > 0 && event.ts >= busyUntil) {
      frames[frames.length - 1] += event.dur / 1000;
      busyUntil = event.ts + event.dur; // nested events are inside this one
    }
  }
  const worked = frames.filter((ms) => ms > 0).sort((a, b) => a - b);
  const at = (q) => worked[Math.min(worked.length - 1, Math.floor(q * worked.length))] ?? 0;
  return { frames: worked.length, median: at(0.5), p95: at(0.95), max: worked.at(-1) ?? 0 };
}

/** Scrolls `url` through in a phone-sized page of `browser` and returns styleLayoutPerFrame's figures. */
export async function scrollFrames(browser, url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(url, { waitUntil: 'networkidle' });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
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
