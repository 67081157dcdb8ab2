// Style and layout per frame while a phone reader scrolls the article from top to bottom: a
// Chromium trace (CDP Tracing) of the renderer's main thread at 390×844. Each step scrolls a fixed
// distance (a fast fling's frame, or 80% of a screen) and waits for the next frame; every style
// recalculation (UpdateLayoutTree) and layout is counted in the frame it ran in, in the main
// thread's own CPU time (the trace's thread duration, which other processes do not stretch;
// Chromium's CPU throttle does, so with `cpuSlowdown` 4, like Lighthouse's mobile profile, it
// stands for a mid-range phone, if with more spread from run to run than a 4× slower CPU would
// have). Printed by `npm run bench:lighthouse`, never asserted, with the worst frames and the part
// of the article each was drawn at (the last h2 or h3 above the middle of the screen), so a slow
// frame points at what to look at.

import { articleLaidOutMark } from '../src/scripts/lay-out-ahead.ts';

const counted = new Set(['UpdateLayoutTree', 'Layout']);
// Before each step the page stamps the trace with where it scrolls to (console.timeStamp).
const stepStamp = 'bench-scroll ';

/** Median, 95th percentile and worst of per-frame sums, in ms. */
function spread(frames) {
  const worked = frames.filter((ms) => ms > 0).sort((a, b) => a - b);
  const at = (q) => worked[Math.min(worked.length - 1, Math.floor(q * worked.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), max: worked.at(-1) ?? 0 };
}

/**
 * Per-frame style+layout figures: how many frames had any, and the median, 95th percentile and
 * worst of them in main-thread CPU time (`cpu`), in ms; `worst`: the `keep` frames with the most,
 * each with the scroll position (`scrollY`) of the step it was drawn in.
 */
export function styleLayoutPerFrame(traceEvents, { keep = 5 } = {}) {
  const threads = new Map();
  for (const event of traceEvents) if (event.name === 'thread_name') threads.set(`${event.pid}:${event.tid}`, event.args.name);
  const main = traceEvents
    .filter((event) => threads.get(`${event.pid}:${event.tid}`) === 'CrRendererMain')
    .sort((a, b) => a.ts - b.ts);
  const cpu = [];
  const steps = [];
  let scrollY = 0;
  let busyUntil = 0;
  for (const event of main) {
    const stamp = event.name === 'TimeStamp' ? event.args?.data?.message : undefined;
    if (stamp?.startsWith(stepStamp)) scrollY = Number(stamp.slice(stepStamp.length));
    else if (event.name === 'BeginMainThreadFrame') cpu.push(0), steps.push(scrollY);
    else if (counted.has(event.name) && event.ph === 'X' && cpu.length > 0 && event.ts >= busyUntil) {
      cpu[cpu.length - 1] += (event.tdur ?? event.dur) / 1000;
      busyUntil = event.ts + event.dur; // nested events are inside this one
    }
  }
  const worst = cpu
    .map((ms, frame) => ({ cpu: ms, scrollY: steps[frame] }))
    .sort((a, b) => b.cpu - a.cpu)
    .slice(0, keep)
    .filter((frame) => frame.cpu > 0);
  return { frames: cpu.filter((ms) => ms > 0).length, cpu: spread(cpu), worst };
}

/**
 * `promise`, or an error saying `what` did not finish within `seconds`: twice a scroll run here
 * never finished (the browser stopped answering), and a bench that waits forever says nothing.
 */
async function within(seconds, what, promise) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench-scroll: ${what} did not finish in ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A fast fling on a phone, in CSS px a frame: Android's fastest (8,000 dp/s, and a CSS px is a dp)
 * at 60 frames a second.
 */
export const flingStep = 8000 / 60;

/**
 * Scrolls `url` through in a phone-sized page of `browser`, the CPU `cpuSlowdown` times slower,
 * `step` a frame (CSS px; below 1, that share of the screen), and returns styleLayoutPerFrame's
 * figures, each of the worst frames with `where`: the heading (h2 or h3) above the middle of the
 * screen at its scroll position. With `settled`, it starts once the page has laid out the parts
 * far off screen in its idle time (src/scripts/lay-out-ahead.ts), as a reader who reads the first
 * screen before scrolling finds it; without, as soon as the page has loaded.
 */
export async function scrollFrames(browser, url, { cpuSlowdown = 4, step = 0.8, settled = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // Not settled: from the load event, before the page has had idle time to lay anything out.
  await page.goto(url, { waitUntil: settled ? 'networkidle' : 'load' });
  // Polled on a timer: polling on animation frames would keep the page from ever being idle.
  if (settled) await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, articleLaidOutMark, { polling: 100, timeout: 60_000 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline.frame', transferMode: 'ReportEvents' });
  // A run takes 5–25 s here.
  await within(300, `scrolling ${url} (${step < 1 ? `${step} of a screen` : `${step.toFixed(0)} px`} a frame)`, page.evaluate(async ([stepStamp, step]) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    while (scrollY + innerHeight < document.documentElement.scrollHeight - 1) {
      const before = scrollY;
      scrollBy(0, step < 1 ? innerHeight * step : step);
      console.timeStamp(stepStamp + Math.round(scrollY));
      await frame();
      if (scrollY === before) break;
    }
  }, [stepStamp, step]));
  await cdp.send('Tracing.end');
  await within(60, 'the trace', complete);
  // The headings' places once the parts scrolled past have their real heights, as they had when
  // the reader reached them; not those inside the parts a phone skips (cards' own headings), which
  // would be laid out to be measured.
  const headings = await page.evaluate(() =>
    [...document.querySelectorAll('main :is(h2, h3)')]
      .filter((heading) => !heading.closest('.article-part'))
      .map((heading) => ({ top: heading.getBoundingClientRect().top + scrollY, text: heading.textContent.trim() })),
  );
  const middle = page.viewportSize().height / 2;
  await context.close();
  const figures = styleLayoutPerFrame(events);
  for (const frame of figures.worst) frame.where = headings.findLast((heading) => heading.top <= frame.scrollY + middle)?.text ?? '(top)';
  return figures;
}
