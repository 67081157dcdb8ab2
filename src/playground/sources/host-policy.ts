/**
 * Which URLs the engine may download from: the allow-list the worker enforces itself.
 *
 * Some hosts (GitHub Pages) send no policy header, and a <meta> Content-Security-Policy governs
 * the worker only because it starts from a blob: URL (engine/worker-engine.ts), so the worker
 * does not rely on the browser: it checks every request and every redirected answer against
 * this list. The list is built from the same configured sources
 * as the CSP's connect-src (model-source.ts configuredSources), so the two always agree.
 * Pure: URL in, allowed or not out.
 */

import { urlAllowed } from './csp';
import { PRESET_SOURCES, redirectTargetsFor, sourceFolders, type ModelSource } from './model-source';

export interface HostPolicy {
  /** URL prefixes a download may begin at. */
  readonly starts: readonly string[];
  /** Where an answer may come from after redirects: the starts plus the hosts' CDNs. */
  readonly ends: readonly string[];
}

/**
 * Loopback http on any port, for a model folder served on this machine; only where the site
 * itself runs from a development server (import.meta.env.DEV), never in a published build.
 */
const LOOPBACK_FOLDERS = ['http://127.0.0.1:*/', 'http://localhost:*/'];

export function hostPolicy(sources: readonly ModelSource[], { loopback = false } = {}): HostPolicy {
  const starts = [...new Set([...sources.flatMap(sourceFolders), ...(loopback ? LOOPBACK_FOLDERS : [])])];
  return { starts, ends: [...new Set([...starts, ...sources.flatMap(redirectTargetsFor)])] };
}

/**
 * Encoded slashes, backslashes or dots in a path could be decoded by a server into a folder
 * other than the one the prefix check saw; no model file name has them.
 */
const AMBIGUOUS_PATH = /%2f|%5c|%2e|\\/i;

function matchesAny(target: string, expressions: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '' || AMBIGUOUS_PATH.test(url.pathname)) return false;
  try {
    // Our expressions are all absolute, so the page URL the CSP matcher asks for plays no part.
    return urlAllowed(url.href, expressions, url.href);
  } catch {
    return false; // a path whose percent-encoding does not decode
  }
}

/** May a download begin at `url`? */
export function requestAllowed(url: string, policy: HostPolicy): boolean {
  return matchesAny(url, policy.starts);
}

/** May an answer that ended up at `url` (after any redirects) be used? */
export function responseAllowed(url: string, policy: HostPolicy): boolean {
  return matchesAny(url, policy.ends);
}

/** Does every download of `source` begin inside the policy? */
export function sourceAllowed(source: ModelSource, policy: HostPolicy): boolean {
  return [source.weightsBase, source.libsBase].every((base) => requestAllowed(`${base}x`, policy));
}

/** Where a reader's own base URL may point: what the policy allows beyond the presets. */
export function customPlaces(policy: HostPolicy): string[] {
  const presets = new Set(PRESET_SOURCES.flatMap(sourceFolders));
  return policy.starts.filter((prefix) => !presets.has(prefix)).map((prefix) => prefix.replace(':*/', ':<端口>/'));
}

/** The policy's places in short readable form ("huggingface.co/mlc-ai/"), for messages. */
export function readablePlaces(policy: HostPolicy): string[] {
  return policy.starts.map((prefix) => prefix.replace(/^https:\/\//, ''));
}
