/**
 * The engine worker's own network policy, installed before web-llm runs.
 *
 * A <meta> Content-Security-Policy does not govern a module worker, and a host such as GitHub
 * Pages sends no policy header, so nothing but this stands between a stored or crafted model
 * source and the code it would load. web-llm 0.2.86 downloads in two ways: the global fetch()
 * (config, tokenizer and the IndexedDB backend) and Cache.add() (the default Cache API backend),
 * which fetches inside the browser without calling fetch(); its bundled runtime also knows
 * XMLHttpRequest. All three are routed through one check here:
 *   - a request outside the allow-list (sources/host-policy.ts) is refused before it is sent;
 *   - an answer redirected outside it is refused before its body is read;
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

/** "SourceBlockedError: <url> (allowed: …)"; engine/errors.ts turns it into the reader's message. */
export function sourceBlocked(url: string, policy: HostPolicy): Error {
  return namedError('SourceBlockedError', `${url} is outside the allowed model sources (allowed: ${readablePlaces(policy).join(' ')})`);
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

/** fetch() with the policy applied. */
export function guardFetch(inner: typeof fetch, policy: HostPolicy, hooks: GuardHooks = {}): typeof fetch {
  return async (input, init) => {
    const url = requestUrl(input);
    // data: and blob: URLs never leave the browser (runtimes read embedded WebAssembly that way).
    if (/^(?:data|blob):/.test(url)) return inner(input, init);
    if (!requestAllowed(url, policy)) throw sourceBlocked(url, policy);
    hooks.onRequest?.(url);
    const response = await inner(input, init);
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
  Cache?: { prototype: Cache };
  XMLHttpRequest?: { prototype: XMLHttpRequest };
}

/** Patches the worker's fetch, Cache.prototype.add/addAll and XMLHttpRequest.open. */
export function installNetworkGuard(scope: GuardableScope, policy: HostPolicy, hooks: GuardHooks = {}): void {
  const guarded = guardFetch(scope.fetch.bind(scope), policy, hooks);
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
