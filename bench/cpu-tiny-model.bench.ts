/**
 * The CPU path's engine (wllama, llama.cpp in WebAssembly) on the tiny test model: prefill and
 * decode tokens per second with one thread and with two, and the longest main-thread task while
 * it streams an answer, chunk by chunk as the chat receives it: its length and, from a Chrome
 * trace, the main thread's own CPU time in it (main-thread-trace.ts). The page is cross-origin
 * isolated (bench/vitest-cpu.config.ts), as multi-threading needs. The model is built in a worker
 * (tiny-model-worker.ts), so the page's heap is no larger than a reader's page. Figures are
 * written out, never asserted: scripts/bench-cpu.mjs prints them.
 */
import { test } from 'vitest';
import { commands } from 'vitest/browser';
import { Wllama, type ChatCompletionChunk } from '@wllama/wllama';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import type { LongestTask } from './main-thread-trace';

const RESULTS_FILE = '.reports/bench-cpu.json';
const DECODE_TOKENS = 256;
/** A prompt of a few hundred tokens, so prefill is measured on more than a handful. */
const PROMPT = '请比较通义千问与 Llama 3 的词表、上下文长度和许可证。'.repeat(12);
const REPEATS = 3;

interface Run {
  threads: number;
  multiThread: boolean;
  promptTokens: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  longestTaskMs: number;
  /** The same from the trace, with the main thread's CPU time in it. */
  longestTraced: LongestTask | null;
  /** What ran in the longest animation frame, by script (Long Animation Frames API). */
  longestFrame: { durationMs: number; scriptMs: number; scripts: string[] } | null;
}

/** The parts of a Long Animation Frames entry read here (not yet in TypeScript's DOM types). */
interface AnimationFrameEntry extends PerformanceEntry {
  blockingDuration: number;
  scripts: Array<{ duration: number; invoker: string; sourceURL: string; sourceFunctionName: string }>;
}

async function measure(gguf: Uint8Array<ArrayBuffer>, threads: number): Promise<Run[]> {
  const wllama = new Wllama({ default: wasmUrl }, { suppressNativeLog: true });
  await wllama.loadModel([new Blob([gguf])], { n_threads: threads, n_ctx: 2048, n_gpu_layers: 0 });
  const runs: Run[] = [];
  for (let i = 0; i < REPEATS; i++) {
    let longestTaskMs = 0;
    let longestFrame: AnimationFrameEntry | null = null;
    const record = (entries: PerformanceEntryList) => {
      for (const entry of entries) {
        if (entry.entryType === 'longtask') longestTaskMs = Math.max(longestTaskMs, entry.duration);
        else if (entry.duration > (longestFrame?.duration ?? 0)) longestFrame = entry as AnimationFrameEntry;
      }
    };
    const observer = new PerformanceObserver((list) => record(list.getEntries()));
    observer.observe({ type: 'longtask' });
    observer.observe({ type: 'long-animation-frame' });
    await commands.traceStart();
    let last: ChatCompletionChunk | null = null;
    const chunks = await wllama.createChatCompletion({
      messages: [{ role: 'user', content: `${i} ${PROMPT}` }],
      max_tokens: DECODE_TOKENS,
      stream: true,
    });
    for await (const chunk of chunks) last = chunk;
    // A task's entry is queued once the task has ended: let the one that brought the last chunk end.
    await new Promise((resolve) => setTimeout(resolve));
    record(observer.takeRecords());
    observer.disconnect();
    const longestTraced = await commands.traceStop();
    const timings = last!.timings!;
    runs.push({
      threads: wllama.getNumThreads(),
      multiThread: wllama.isMultithread(),
      promptTokens: timings.prompt_n,
      prefillTokensPerSecond: timings.prompt_per_second,
      decodeTokensPerSecond: timings.predicted_per_second,
      longestTaskMs,
      longestTraced,
      longestFrame: describeFrame(longestFrame),
    });
  }
  await wllama.exit();
  return runs;
}

/** Scripts over 1 ms, longest first: "12 ms wllama…js onmessage (MessagePort.onmessage)". */
function describeFrame(frame: AnimationFrameEntry | null): Run['longestFrame'] {
  if (frame === null) return null;
  const scripts = [...frame.scripts].sort((a, b) => b.duration - a.duration).filter((script) => script.duration >= 1);
  return {
    durationMs: Math.round(frame.duration),
    scriptMs: Math.round(scripts.reduce((sum, script) => sum + script.duration, 0)),
    scripts: scripts.map(
      (script) => `${Math.round(script.duration)} ms ${script.sourceURL.split('/').pop() ?? ''} ${script.sourceFunctionName} (${script.invoker})`,
    ),
  };
}

test('tiny model on the CPU path', async () => {
  const gguf = await new Promise<Uint8Array<ArrayBuffer>>((resolve) => {
    const worker = new Worker(new URL('./tiny-model-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<Uint8Array<ArrayBuffer>>) => {
      resolve(event.data);
      worker.terminate();
    };
  });
  const results = [...(await measure(gguf, 1)), ...(await measure(gguf, 2))];
  await commands.writeFile(
    RESULTS_FILE,
    JSON.stringify({ decodeTokens: DECODE_TOKENS, isolated: crossOriginIsolated, userAgent: navigator.userAgent, ggufBytes: gguf.byteLength, results }, null, 2),
  );
}, 600_000);
