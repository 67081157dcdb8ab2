// `npm run bench:chat`: the chat rendering bench in real Chromium (see chat-render.bench.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium-path.mjs';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['bench/chat-render.bench.ts'],
    reporters: ['default'],
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: chromiumArgs({ webgpu: false }) } }),
      instances: [{ browser: 'chromium' }],
      // The size of a laptop window, so layout work is realistic.
      viewport: { width: 1280, height: 800 },
    },
  },
});
