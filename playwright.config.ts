import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './scripts/chromium-path.mjs';
import { rootSite, startedSiteUrl } from './tests/e2e/sites.mjs';

const executablePath = chromiumPath();

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  // Islands load their code on demand; on a busy 2-core CI machine that can take longer than 5 s.
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.reports/playwright.json' }]],
  // The site's service worker is allowed only where a test is about it (offline reading): Chromium
  // 150's browser process can crash when a context closes while a page's service worker is
  // installing, which a test that ends right after an island mounts does (reproduced: the browser
  // died after 43 openings of the chat page, each closed once its island was ready; with workers
  // blocked, none in 93).
  use: { trace: 'off', screenshot: 'off', serviceWorkers: 'block' },
  // Builds both sites and serves them on free ports; the workers read the ports from the
  // environment, so the config is loaded again there with baseURL set.
  globalSetup: './tests/e2e/global-setup.ts',
  projects: [
    {
      // The default browser: no WebGPU adapter, like most readers' phones today.
      name: 'no-webgpu',
      testIgnore: /\.webgpu\.spec\.ts$/,
      use: { baseURL: startedSiteUrl(rootSite), launchOptions: { executablePath, args: chromiumArgs({ webgpu: false }) } },
    },
    {
      // Chromium's SwiftShader adapter: real WebGPU, no shader-f16, 1 GiB buffers.
      name: 'webgpu',
      testMatch: /\.webgpu\.spec\.ts$/,
      use: { baseURL: startedSiteUrl(rootSite), launchOptions: { executablePath, args: chromiumArgs({ webgpu: true }) } },
    },
  ],
});
