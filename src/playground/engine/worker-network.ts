/**
 * Installs the engine worker's network guard (network-guard.ts) with the site's allow-list, and
 * lets the load in progress watch downloads move. worker.ts imports this before web-llm, so no
 * download of web-llm's can happen unguarded.
 */

import { installNetworkGuard } from './network-guard';
import { phaseOfRequest, type StallWatchdog } from './stall-watchdog';
import { siteHostPolicy } from '../sources/site-policy';

/** The watchdog of the load in progress, if any. */
let watching: StallWatchdog | null = null;

export function watchDownloads(watchdog: StallWatchdog | null): void {
  watching = watchdog;
}

installNetworkGuard(self as unknown as Parameters<typeof installNetworkGuard>[0], siteHostPolicy(), {
  onRequest: (url) => watching?.progress(phaseOfRequest(url)),
  onBytes: () => watching?.progress(),
});
