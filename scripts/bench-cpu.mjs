// `npm run bench:cpu`: prefill and decode tokens per second of the CPU path's engine (wllama) on
// the tiny test model, one thread and two, and the longest main-thread task meanwhile (its length,
// and the main thread's own CPU time in it). Runs
// bench/cpu-tiny-model.bench.ts in real Chromium and prints its figures; nothing is asserted.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const resultsFile = '.reports/bench-cpu.json';
rmSync(resultsFile, { force: true });
const loadBefore = loadavg()[0];
const run = spawnSync('npx', ['vitest', 'run', '--config', 'bench/vitest-cpu.config.ts'], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: process.env,
});
if (run.status !== 0) process.exit(run.status ?? 1);

const { decodeTokens, isolated, userAgent, ggufBytes, results } = JSON.parse(readFileSync(resultsFile, 'utf8'));
console.log(`\nCPU path (wllama) on the tiny Qwen-tokenizer test model (${(ggufBytes / 1e6).toFixed(1)} MB), ${decodeTokens} tokens per answer`);
console.log(userAgent);
console.log(`cross-origin isolated: ${isolated}; ${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`);
console.log(['threads', 'prompt tokens', 'prefill tok/s', 'decode tok/s', 'longest main-thread task ms', 'of it on the CPU ms (trace)'].join(' | '));
for (const r of results) {
  console.log(
    [
      `${r.threads}${r.multiThread ? ' (multi)' : ' (single)'}`.padStart(12),
      String(r.promptTokens).padStart(13),
      r.prefillTokensPerSecond.toFixed(0).padStart(13),
      r.decodeTokensPerSecond.toFixed(1).padStart(12),
      r.longestTaskMs.toFixed(0).padStart(27),
      (r.longestTraced === null ? '—' : `${r.longestTraced.cpuMs.toFixed(1)} of ${r.longestTraced.wallMs.toFixed(0)} ${r.longestTraced.longestPart}`).padStart(27),
    ].join(' | '),
  );
}
// The trace's longest task can be one the observer did not count (under 50 ms).
console.log(
  '\nA long task with little CPU time in it is the page waiting for a core (other processes, or the engine\'s\n' +
    "threads on every core: the CPU path runs on half the cores, leaving the rest to the page), not the page's own work.",
);
console.log('\nlongest animation frame of each run: total ms, of which script ms, and the scripts (≥ 1 ms)');
for (const r of results) {
  const frame = r.longestFrame;
  console.log(frame === null ? '  none' : `  ${frame.durationMs} ms, scripts ${frame.scriptMs} ms${frame.scripts.length ? `: ${frame.scripts.join('; ')}` : ''}`);
}
