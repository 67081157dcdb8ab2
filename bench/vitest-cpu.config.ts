// `npm run bench:cpu`: the CPU path's engine on the tiny test model (see cpu-tiny-model.bench.ts),
// in the same Chromium as the chat bench, with the trace commands of main-thread-trace.ts.
import { defineConfig } from 'vitest/config';
import chatBench from './vitest.config.ts';
import { traceCommands } from './main-thread-trace.ts';

export default defineConfig({
  ...chatBench,
  // Cross-origin isolation, so llama.cpp may run on more than one thread.
  server: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
  test: {
    ...chatBench.test,
    include: ['bench/cpu-tiny-model.bench.ts'],
    browser: { ...chatBench.test!.browser!, commands: traceCommands },
  },
});
