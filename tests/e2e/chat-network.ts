import type { BrowserContext, Page, Request, Response } from '@playwright/test';

/** Where web-llm fetches models from: Hugging Face (weights, redirecting to its CDNs) and GitHub (libraries). */
export const MODEL_HOST = /(^|\.)huggingface\.co$|(^|\.)hf\.co$|^raw\.githubusercontent\.com$/;

/** The web-llm worker chunk as Vite names it (…/_astro/worker-<hash>.js). */
export const WORKER_CHUNK = /\/_astro\/worker-[\w-]+\.js$/;

export const ONE_MB = 1024 * 1024;

/**
 * Everything the context requests — the page, the engine worker and the site's service worker —
 * and every JavaScript response with its size.
 *
 * Once the site's service worker controls the page, one download shows up twice: the page's
 * request (answered by the service worker) and the service worker's own fetch. Only responses
 * that did not come from the service worker are downloads.
 */
export function recordTraffic(context: BrowserContext) {
  const requests: Request[] = [];
  const downloads: Response[] = [];
  const scripts: { url: string; bytes: Promise<number> }[] = [];
  context.on('request', (request) => requests.push(request));
  context.on('response', (response: Response) => {
    if (response.fromServiceWorker()) return;
    downloads.push(response);
    const type = response.headers()['content-type'] ?? '';
    if (!/javascript/.test(type)) return;
    scripts.push({ url: response.url(), bytes: response.body().then((body) => body.length, () => 0) });
  });
  const isWorkerChunk = (url: string) => WORKER_CHUNK.test(new URL(url).pathname);
  return {
    urls: () => requests.map((r) => r.url()),
    modelRequests: () => requests.map((r) => r.url()).filter((url) => MODEL_HOST.test(new URL(url).hostname)),
    /** Any request for the worker chunk, answered or not, from the page or the service worker. */
    workerRequests: () => requests.map((r) => r.url()).filter(isWorkerChunk),
    /** Times the worker chunk actually came over the network. */
    workerDownloads: () => downloads.map((r) => r.url()).filter(isWorkerChunk),
    /** Downloaded JavaScript larger than 1 MB, as URLs. */
    largeScripts: async () => {
      const sized = await Promise.all(scripts.map(async (s) => ({ url: s.url, bytes: await s.bytes })));
      return sized.filter((s) => s.bytes > ONE_MB).map((s) => s.url);
    },
  };
}

export type ModelHostAnswer = '404' | 'disconnected' | 'stall';

/**
 * Answers every model-host request the way `answer()` says at that moment, so a test can switch
 * behaviour between attempts. Stalled requests are kept (never answered) until the test ends.
 */
export async function answerModelHosts(context: BrowserContext, answer: () => ModelHostAnswer) {
  const seen: string[] = [];
  await context.route(
    (url) => MODEL_HOST.test(url.hostname),
    async (route) => {
      seen.push(route.request().url());
      const how = answer();
      if (how === '404') await route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' });
      else if (how === 'disconnected') await route.abort('internetdisconnected');
      // 'stall': neither fulfil nor abort — the download just never arrives.
    },
  );
  return seen;
}

/**
 * Resolves once a request the page makes now has been answered. Requests are reported in the
 * order the page makes them, so anything it had started to fetch before (the engine worker, a
 * model file, an island's code) has been recorded by then: tests that check that something was
 * NOT fetched wait for this instead of for a while.
 */
export async function requestsSoFarRecorded(page: Page): Promise<void> {
  await page.evaluate(async (marker) => {
    const url = new URL(location.href);
    url.searchParams.set(marker, '');
    await (await fetch(url, { cache: 'no-store' })).arrayBuffer();
  }, REQUESTS_SO_FAR);
}

/** Marks the request above, so tests that weigh what a page downloads can leave it out. */
export const REQUESTS_SO_FAR = 'requests-so-far';
