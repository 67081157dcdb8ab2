import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumPath, chromiumArgs } from './scripts/chromium-path.mjs';
import { answerModelHosts, modelHostRequests, stopAnsweringModelHosts } from './tests/browser/commands/model-hosts.ts';
import { layoutObjects } from './tests/browser/commands/layout-objects.ts';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Some tests parse the real 10 MB tokenizer files; on a loaded 2-core machine that alone
          // can pass Vitest's 5 s default.
          testTimeout: 30_000,
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          // CI machines are as small as this one and busier: scripted fake-engine timings and real
          // cache writes can take seconds there, so waits and tests get room (a hang still fails).
          testTimeout: 30_000,
          expect: { poll: { timeout: 10_000 } },
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath(), args: chromiumArgs({ webgpu: true }) },
            }),
            instances: [{ browser: 'chromium' }],
            commands: { answerModelHosts, modelHostRequests, stopAnsweringModelHosts, layoutObjects },
          },
        },
      },
    ],
  },
});
