// `npm run bench:cpu`: the CPU path's engine on the tiny test model (see cpu-tiny-model.bench.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium-path.mjs';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  // Cross-origin isolation, so llama.cpp may run on more than one thread.
  server: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
  test: {
    include: ['bench/cpu-tiny-model.bench.ts'],
    reporters: ['default'],
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: chromiumArgs({ webgpu: false }) } }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
