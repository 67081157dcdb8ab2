// `npm run bench:chat`: how many tokens per second the chat view renders before it becomes the
// bottleneck, and how long the main thread is blocked meanwhile. Runs bench/chat-render.bench.ts
// in real Chromium and prints its figures; nothing is asserted.
import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { runShown } from './plain-output.mjs';

const resultsFile = '.reports/bench-chat.json';
rmSync(resultsFile, { force: true });
const loadBefore = loadavg()[0];
const run = runShown('npx', ['vitest', 'run', '--config', 'bench/vitest.config.ts']);
if (run.status !== 0) process.exit(run.status ?? 1);

const { tokens, repeats, characters, userAgent, results, hostileRate, hostile } = JSON.parse(readFileSync(resultsFile, 'utf8'));
const fixed = (n, digits = 0) => (n === null ? '—' : n.toFixed(digits));
const rate = (n) => (n === null ? 'all at once' : String(n));
// "Keeps up": the screen shows the whole answer within 100 ms of the last token and the effective
// rate is at least 90 % of what was offered.
const keepsUp = (r) => r.offeredTokensPerSecond !== null && r.catchUpMs <= 100 && r.renderedTokensPerSecond >= 0.9 * r.offeredTokensPerSecond;

console.log(`\nChat view under a token firehose: ${tokens} tokens (${characters} characters of Chinese Markdown) per run`);
console.log(`Every figure is the median of ${repeats} runs at that rate.`);
console.log(userAgent);
// Other processes on the machine stretch main-thread tasks; the 1-minute load says how busy it was.
console.log(`${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} before the run, ${loadavg()[0].toFixed(1)} after`);
console.log(
  [
    'offered tok/s = the rate tokens are fed to the view (a model generating that fast); rendered tok/s = the rate',
    'they reach the screen. catch-up ms = from the last token offered to the whole answer on screen. renders = how',
    'many times the view drew; render ms = time of one draw (median / 95th percentile / longest). longest task ms',
    '= the longest main-thread task the browser reported (it reports those over 50 ms). max timer delay ms = how',
    'late a 0 ms timer fired at worst, i.e. how long input would have waited. keeps up = catch-up ≤ 100 ms and',
    'rendered ≥ 90 % of offered.',
  ].join('\n'),
);
console.log(
  ['offered tok/s', 'rendered tok/s', 'catch-up ms', 'renders', 'render ms p50/p95/max', 'longest task ms', 'max timer delay ms', 'keeps up'].join(' | '),
);
for (const r of results) {
  console.log(
    [
      rate(r.offeredTokensPerSecond).padStart(13),
      fixed(r.renderedTokensPerSecond).padStart(14),
      fixed(r.catchUpMs).padStart(11),
      String(r.renders).padStart(7),
      `${fixed(r.medianRenderMs, 1)} / ${fixed(r.p95RenderMs, 1)} / ${fixed(r.longestRenderMs, 1)}`.padStart(21),
      fixed(r.longestLongTaskMs).padStart(15),
      fixed(r.longestTimerDelayMs, 1).padStart(18),
      (r.offeredTokensPerSecond === null ? '' : keepsUp(r) ? 'yes' : 'no').padStart(8),
    ].join(' | '),
  );
}
const sustained = results.filter(keepsUp).map((r) => r.offeredTokensPerSecond);
const firehose = results.find((r) => r.offeredTokensPerSecond === null);
console.log(`\nHighest offered rate the view keeps up with: ${sustained.length ? Math.max(...sustained) : 'none'} tokens/s`);
if (firehose) console.log(`All 4,000 tokens at once: on screen at ${fixed(firehose.renderedTokensPerSecond)} tokens/s`);
console.log(`Longest single render of the view in any run: ${fixed(Math.max(...results.map((r) => r.longestRenderMs)), 1)} ms`);
console.log(
  `Longest main-thread task in any run: ${fixed(Math.max(...results.map((r) => r.longestLongTaskMs)))} ms ` +
    '(0 = no task reached the browser’s 50 ms reporting threshold); ' +
    `longest 0 ms timer delay: ${fixed(Math.max(...results.map((r) => r.longestTimerDelayMs)), 1)} ms`,
);
console.log(`\nAnswers built to hurt the renderer, at ${hostileRate} tokens/s (median of ${repeats} runs):`);
for (const r of hostile) {
  console.log(
    `  ${r.name}: render ms p50/p95/max ${fixed(r.medianRenderMs, 1)} / ${fixed(r.p95RenderMs, 1)} / ${fixed(r.longestRenderMs, 1)}, ` +
      `longest task ${fixed(r.longestLongTaskMs)} ms, catch-up ${fixed(r.catchUpMs)} ms`,
  );
}
