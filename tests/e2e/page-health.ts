import type { Page } from '@playwright/test';

/** Records what a reader would see go wrong while a page loads: failed requests and console errors. */
export function watchPageHealth(page: Page) {
  const failedRequests: string[] = [];
  const consoleErrors: string[] = [];
  const requestedUrls: string[] = [];
  page.on('request', (request) => requestedUrls.push(request.url()));
  page.on('requestfailed', (request) => failedRequests.push(`${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { failedRequests, consoleErrors, requestedUrls };
}
