// Browser commands (they run in the test runner, next to Playwright) that answer requests to the
// model hosts instead of the network: a test says which files exist; every other file is a 404.
// Each request is recorded, so a test can check what the code under test asked for, in order.
import type { BrowserCommand } from 'vitest/node';
import type {} from '@vitest/browser-playwright';

const MODEL_HOSTS = /^https:\/\/(huggingface\.co|[\w-]+\.(huggingface\.co|hf\.co)|raw\.githubusercontent\.com)\//;

/** Files a test serves, keyed by the end of their URL (e.g. "/mlc-chat-config.json"). */
type ServedFiles = Record<string, { contentType: string; body: string }>;

const requested: string[] = [];

export const answerModelHosts: BrowserCommand<[files: ServedFiles]> = async ({ context }, files) => {
  requested.length = 0;
  await context.unroute(MODEL_HOSTS);
  await context.route(MODEL_HOSTS, (route) => {
    const url = route.request().url();
    requested.push(url);
    const file = Object.entries(files).find(([suffix]) => url.endsWith(suffix))?.[1];
    return file
      ? route.fulfill({ status: 200, contentType: file.contentType, body: file.body, headers: { 'access-control-allow-origin': '*' } })
      : route.fulfill({ status: 404, body: 'not found', headers: { 'access-control-allow-origin': '*' } });
  });
};

export const modelHostRequests: BrowserCommand<[]> = async () => [...requested];

export const stopAnsweringModelHosts: BrowserCommand<[]> = async ({ context }) => {
  await context.unroute(MODEL_HOSTS);
  requested.length = 0;
};
