/**
 * The engine worker's own network policy, installed before web-llm runs.
 *
 * A worker loaded from its own URL is not governed by the page's <meta> Content-Security-Policy,
 * and a host such as GitHub Pages sends no policy header. worker-engine.ts starts this worker
 * from a blob: URL, so the page's policy does govern it in browsers that follow HTML; this check
 * does not count on that, and stands between a stored or crafted model source and the code it
 * would load either way. web-llm 0.2.86 downloads in two ways: the global fetch()
 * (config, tokenizer and the IndexedDB backend) and Cache.add() (the default Cache API backend),
 * which fetches inside the browser without calling fetch(); its bundled runtime also knows
 * XMLHttpRequest. All three are routed through one check here:
 *   - a request outside the allow-list (sources/host-policy.ts) is refused before it is sent;
 *   - a redirect outside it: under the page's policy the browser refuses to follow it, and the
 *     failure is reported as a blocked source, not a network error; without that policy the
 *     answer it leads to is refused before its body is read;
 *   - the small JSON files are capped, so an endless answer cannot fill the disk;
 *   - every chunk received is reported, so the load's stall watchdog sees downloads move.
 */

import { readablePlaces, requestAllowed, responseAllowed, type HostPolicy } from '../sources/host-policy';

/** Configuration and manifest files: a few KB to a few MB in every real model. */
export const SMALL_FILE_LIMIT = 16 * 1024 * 1024;
const SMALL_FILES = /\/(?:mlc-chat-config|tensor-cache|ndarray-cache|tokenizer_config)\.json$/;

export interface GuardHooks {
  /** An allowed request is about to be sent. */
  onRequest?(url: string): void;
  /** Bytes arrived on some download. */
  onBytes?(count: number): void;
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** "SourceBlockedError: <url> is outside … (allowed: …)"; engine/errors.ts turns it into the reader's message. */
export function sourceBlocked(url: string, policy: HostPolicy): Error {
  return namedError('SourceBlockedError', `${url} is outside the allowed model sources (allowed: ${readablePlaces(policy).join(' ')})`);
}

/** The same for a request the browser refused to follow outside the list (it does not say where). */
export function redirectBlocked(url: string, policy: HostPolicy): Error {
  return namedError(
    'SourceBlockedError',
    `${url} was redirected outside the allowed model sources (allowed: ${readablePlaces(policy).join(' ')})`,
  );
}

/** Did the browser's own policy refuse this download? Resolves false for any other failure. */
export type RefusedByBrowser = (url: string) => Promise<boolean>;

/**
 * How long a failed download waits for the browser's report of a refusal. Chromium reports one
 * a task after fetch() has failed; other failures wait this long before they are passed on.
 */
export const REFUSAL_REPORT_MS = 1000;

/** Is a violation report's blockedURI (a URL, or only its origin) about `url`? */
function reportNames(blocked: string, url: string): boolean {
  const target = url.split('#')[0]!;
  return blocked !== '' && (blocked === target || target.startsWith(`${blocked}/`));
}

/** One securitypolicyviolation report, kept by identity until matched or too old. */
interface Report {
  readonly blockedURI: string;
}

/** One page's or worker's reports, heard by one listener however many engines ask. */
interface Refusals {
  /** Reports no lookup has matched yet, each kept for REFUSAL_REPORT_MS. */
  readonly reported: Report[];
  /** Lookups in progress, run again on each report. */
  readonly waiting: Set<() => void>;
}

const heard = new WeakMap<object, Refusals>();

/** The refusals `scope` reports; the listener is added the first time it is asked for. */
function refusalsOf(scope: Pick<EventTarget, 'addEventListener'>): Refusals {
  const known = heard.get(scope);
  if (known !== undefined) return known;
  const refusals: Refusals = { reported: [], waiting: new Set() };
  heard.set(scope, refusals);
  scope.addEventListener('securitypolicyviolation', (event) => {
    const { effectiveDirective, blockedURI } = event as SecurityPolicyViolationEvent;
    if (effectiveDirective !== 'connect-src') return;
    const report: Report = { blockedURI };
    refusals.reported.push(report);
    // A lookup starts only after its download has failed, which may come later than the report:
    // keep it as long as a lookup would wait for it, no longer.
    setTimeout(() => forget(refusals, report), REFUSAL_REPORT_MS);
    for (const look of [...refusals.waiting]) look();
  });
  return refusals;
}

function forget(refusals: Refusals, report: Report): void {
  const index = refusals.reported.indexOf(report);
  if (index !== -1) refusals.reported.splice(index, 1);
}

/**
 * The browser's refusals under a Content-Security-Policy: fetch() fails like a network error
 * ("Failed to fetch"), and the browser reports the refusal apart from it, as a
 * securitypolicyviolation event that names the URL first asked for, never where a redirect led.
 * Every caller with the same scope (each engine on a page) shares one listener and its reports.
 */
export function browserRefusals(scope: Pick<EventTarget, 'addEventListener'>): RefusedByBrowser {
  const refusals = refusalsOf(scope);
  return (url) =>
    new Promise((settle) => {
      const done = (refused: boolean) => {
        refusals.waiting.delete(look);
        clearTimeout(timer);
        settle(refused);
      };
      const look = () => {
        const report = refusals.reported.find(({ blockedURI }) => reportNames(blockedURI, url));
        if (report === undefined) return;
        forget(refusals, report);
        done(true);
      };
      const timer = setTimeout(() => done(false), REFUSAL_REPORT_MS);
      refusals.waiting.add(look);
      look();
    });
}

function tooLarge(url: string, limit: number): Error {
  return namedError('ResponseTooLargeError', `${url} is larger than ${limit} bytes`);
}

function requestUrl(input: RequestInfo | URL): string {
  if (input instanceof Request) return input.url;
  return new URL(String(input), globalThis.location?.href).href;
}

// Statuses whose Response may not carry a body.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The same answer with its body counted (and cut off past `limit`). */
function countedResponse(response: Response, url: string, limit: number, hooks: GuardHooks): Response {
  if (response.body === null || NULL_BODY_STATUSES.has(response.status)) return response;
  let received = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      received += chunk.byteLength;
      if (received > limit) {
        controller.error(tooLarge(url, limit));
        return;
      }
      hooks.onBytes?.(chunk.byteLength);
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(counter), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** fetch() with the policy applied; `refused` tells the browser's own refusals from other failures. */
export function guardFetch(inner: typeof fetch, policy: HostPolicy, hooks: GuardHooks = {}, refused?: RefusedByBrowser): typeof fetch {
  return async (input, init) => {
    const url = requestUrl(input);
    // data: and blob: URLs never leave the browser (runtimes read embedded WebAssembly that way).
    if (/^(?:data|blob):/.test(url)) return inner(input, init);
    if (!requestAllowed(url, policy)) throw sourceBlocked(url, policy);
    hooks.onRequest?.(url);
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      // The URL itself is allowed (and in connect-src), so a refusal can only be of a redirect.
      if (error instanceof TypeError && refused !== undefined && (await refused(url))) throw redirectBlocked(url, policy);
      throw error;
    }
    // response.url is the last URL of any redirect chain ('' for a synthetic answer).
    if (response.url !== '' && !responseAllowed(response.url, policy)) {
      void response.body?.cancel().catch(() => undefined);
      throw sourceBlocked(response.url, policy);
    }
    const small = SMALL_FILES.test(new URL(url).pathname);
    const limit = small ? SMALL_FILE_LIMIT : Number.POSITIVE_INFINITY;
    const declared = Number(response.headers.get('content-length'));
    if (small && Number.isFinite(declared) && declared > limit) {
      void response.body?.cancel().catch(() => undefined);
      throw tooLarge(url, limit);
    }
    return countedResponse(response, url, limit, hooks);
  };
}

/**
 * Cache.add() through the guarded fetch. Keeps the browser's own wording for a non-2xx answer,
 * which engine/errors.ts and cache-inspection.ts recognise.
 */
function guardedAdd(guarded: typeof fetch) {
  return async function add(this: Cache, request: RequestInfo | URL): Promise<void> {
    const key = request instanceof Request ? request : new Request(requestUrl(request));
    const response = await guarded(key);
    if (!response.ok) throw new TypeError("Failed to execute 'add' on 'Cache': Request failed");
    await this.put(key, response);
  };
}

export interface GuardableScope {
  fetch: typeof fetch;
  /** Where the browser reports its policy's refusals (securitypolicyviolation). */
  addEventListener?: EventTarget['addEventListener'];
  Cache?: { prototype: Cache };
  XMLHttpRequest?: { prototype: XMLHttpRequest };
}

/** Patches the worker's fetch, Cache.prototype.add/addAll and XMLHttpRequest.open; hears refusals. */
export function installNetworkGuard(scope: GuardableScope, policy: HostPolicy, hooks: GuardHooks = {}): void {
  const refused = scope.addEventListener === undefined ? undefined : browserRefusals(scope as Pick<EventTarget, 'addEventListener'>);
  const guarded = guardFetch(scope.fetch.bind(scope), policy, hooks, refused);
  scope.fetch = guarded;
  const cache = scope.Cache?.prototype;
  if (cache !== undefined) {
    const add = guardedAdd(guarded);
    cache.add = add;
    cache.addAll = async function addAll(this: Cache, requests: RequestInfo[]): Promise<void> {
      await Promise.all(requests.map((request) => add.call(this, request)));
    };
  }
  const xhr = scope.XMLHttpRequest?.prototype;
  if (xhr !== undefined) {
    const open = xhr.open as (this: XMLHttpRequest, ...args: unknown[]) => void;
    xhr.open = function guardedOpen(this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
      const target = requestUrl(url);
      if (!requestAllowed(target, policy)) throw sourceBlocked(target, policy);
      open.call(this, method, url, ...rest);
    } as XMLHttpRequest['open'];
  }
}
