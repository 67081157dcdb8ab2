/**
 * Reading what web-llm left in its Cache API caches, inside the engine worker.
 *
 * web-llm keeps a model's files in three caches keyed by file URL (web-llm-contract.ts names them).
 * Cache.add() stores a file only once it has fully arrived, so an interrupted download leaves
 * whole files and missing files, never a truncated one — but a mirror or captive portal that
 * answers 200 with an error page leaves a "complete" file that can never load (web-llm #289):
 * a config or manifest that is not JSON, a library that is not WebAssembly, a shard of the wrong
 * size. Those are what `problem` flags.
 *
 * No web-llm import: the worker passes in what web-llm itself says (hasModelInCache).
 */

import { WEB_LLM_CACHE_NAMES, WEB_LLM_CACHES, type WebLlmCacheName } from './web-llm-contract';

/** web-llm's three caches; 'wllama' is the CPU path's GGUF files (cpu/gguf-cache.ts). */
export type CacheName = WebLlmCacheName | 'wllama';


export type FileProblem = 'not-json' | 'not-webassembly' | 'wrong-size';

export interface CachedFile {
  url: string;
  cache: CacheName;
  bytes: number;
  problem?: FileProblem;
}

export interface CachedModelReport {
  modelId: string;
  /** web-llm's hasModelInCache(): every weight shard listed in tensor-cache.json is cached. */
  complete: boolean;
  /** Every cached file of the model: its folder's files, its config and its library. */
  files: CachedFile[];
  /** Shards listed in the cached tensor-cache.json that are not cached (yet). */
  missingShards: number;
}

/** Where a model's files are, after web-llm's URL cleaning (see worker.ts modelBaseUrl). */
export interface ModelLocation {
  /** Ends in "/resolve/main/" (or another revision). */
  folderUrl: string;
  libraryUrl: string;
}

/** The cached URLs of all three caches, read once per listing. */
export type CacheSnapshot = Map<WebLlmCacheName, { cache: Cache; urls: string[] }>;

export async function snapshotCaches(): Promise<CacheSnapshot> {
  const snapshot: CacheSnapshot = new Map();
  for (const name of WEB_LLM_CACHE_NAMES) {
    const cache = await caches.open(name);
    snapshot.set(name, { cache, urls: (await cache.keys()).map((request) => request.url) });
  }
  return snapshot;
}

interface ShardRecord {
  dataPath: string;
  nbytes: number;
}

function readManifest(text: string): ShardRecord[] | null {
  try {
    const parsed = JSON.parse(text) as { records?: unknown };
    if (!Array.isArray(parsed.records)) return null;
    return parsed.records.filter(
      (record): record is ShardRecord =>
        typeof record === 'object' &&
        record !== null &&
        typeof (record as ShardRecord).dataPath === 'string' &&
        typeof (record as ShardRecord).nbytes === 'number',
    );
  } catch {
    return null;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function jsonFile(url: string, cache: WebLlmCacheName, text: string, valid: boolean): CachedFile {
  const file: CachedFile = { url, cache, bytes: new TextEncoder().encode(text).byteLength };
  if (!valid) file.problem = 'not-json';
  return file;
}

/**
 * A cached file's size. Content-Length (what Hugging Face and CDNs send) is free to read; the
 * blob is the fallback, for a missing header or one that is the compressed size. Browsers hand a
 * cached body over as a blob without reading it, but while that blob lives, Chromium keeps
 * counting a deleted entry against the site's storage — so the header comes first.
 */
async function sizeOf(response: Response, expected?: number): Promise<number> {
  const header = Number(response.headers.get('content-length'));
  if (Number.isSafeInteger(header) && header > 0 && (expected === undefined || header === expected)) return header;
  return (await response.blob()).size;
}

export async function inspectModelCache(
  location: ModelLocation,
  snapshot: CacheSnapshot,
): Promise<Pick<CachedModelReport, 'files' | 'missingShards'>> {
  const files: CachedFile[] = [];
  const model = snapshot.get(WEB_LLM_CACHES.model)!;
  const manifestUrl = new URL('tensor-cache.json', location.folderUrl).href;

  let shards: Map<string, number> | null = null;
  if (model.urls.includes(manifestUrl)) {
    const text = (await (await model.cache.match(manifestUrl))?.text()) ?? '';
    const records = readManifest(text);
    shards = records === null ? null : new Map(records.map((r) => [new URL(r.dataPath, location.folderUrl).href, r.nbytes]));
    files.push(jsonFile(manifestUrl, WEB_LLM_CACHES.model, text, records !== null));
  }

  for (const url of model.urls) {
    if (!url.startsWith(location.folderUrl) || url === manifestUrl) continue;
    const response = await model.cache.match(url);
    if (response === undefined) continue;
    if (url.endsWith('.json')) {
      const text = await response.text();
      files.push(jsonFile(url, WEB_LLM_CACHES.model, text, isJson(text)));
      continue;
    }
    const expected = shards?.get(url);
    const bytes = await sizeOf(response, expected);
    const file: CachedFile = { url, cache: WEB_LLM_CACHES.model, bytes };
    if (expected !== undefined && bytes !== expected) file.problem = 'wrong-size';
    files.push(file);
  }

  const config = snapshot.get(WEB_LLM_CACHES.config)!;
  for (const url of config.urls) {
    if (!url.startsWith(location.folderUrl)) continue;
    const text = (await (await config.cache.match(url))?.text()) ?? '';
    files.push(jsonFile(url, WEB_LLM_CACHES.config, text, isJson(text)));
  }

  const wasm = snapshot.get(WEB_LLM_CACHES.library)!;
  if (wasm.urls.includes(location.libraryUrl)) {
    const bytes = new Uint8Array((await (await wasm.cache.match(location.libraryUrl))?.arrayBuffer()) ?? new ArrayBuffer(0));
    const file: CachedFile = { url: location.libraryUrl, cache: WEB_LLM_CACHES.library, bytes: bytes.byteLength };
    // Caught here, it would otherwise be "CompileError: WebAssembly.instantiate()" on every load.
    if (!WebAssembly.validate(bytes)) file.problem = 'not-webassembly';
    files.push(file);
  }

  const cachedUrls = new Set(files.map((file) => file.url));
  const missingShards = shards === null ? 0 : [...shards.keys()].filter((url) => !cachedUrls.has(url)).length;
  return { files, missingShards };
}

// ---- which file a failed download stopped at -------------------------------------------------

export interface FailedFile {
  url: string;
  /** The HTTP status, or null when the host could not be reached at all. */
  status: number | null;
}

/** Enough to find the culprit without hammering a host that is down. */
const MAX_PROBES = 6;

/**
 * web-llm reports a failed download as "Failed to fetch" or "'add' on 'Cache': Request failed",
 * without the URL. It fetches in a fixed order (config, library, tokenizer, tensor-cache.json,
 * shards) and keeps every file that arrived, so the failed file is among the first ones still
 * missing from the cache; asking the host for those (HEAD) names it and its status.
 */
export async function findFailedFile(
  location: ModelLocation,
  fetchImpl: typeof fetch = fetch,
): Promise<FailedFile | null> {
  const candidates = await missingFilesInLoadOrder(location);
  for (const url of candidates.slice(0, MAX_PROBES)) {
    try {
      const response = await fetchImpl(url, { method: 'HEAD', cache: 'no-store' });
      if (!response.ok) return { url, status: response.status };
    } catch {
      return { url, status: null };
    }
  }
  return null;
}

async function missingFilesInLoadOrder(location: ModelLocation): Promise<string[]> {
  const has = async (name: WebLlmCacheName, url: string) => (await (await caches.open(name)).match(url)) !== undefined;
  const folder = (file: string) => new URL(file, location.folderUrl).href;
  const missing: string[] = [];

  const configUrl = folder('mlc-chat-config.json');
  const configResponse = await (await caches.open(WEB_LLM_CACHES.config)).match(configUrl);
  if (configResponse === undefined) return [configUrl];
  if (!(await has(WEB_LLM_CACHES.library, location.libraryUrl))) missing.push(location.libraryUrl);

  let tokenizerFiles: unknown = undefined;
  try {
    tokenizerFiles = ((await configResponse.json()) as { tokenizer_files?: unknown }).tokenizer_files;
  } catch {
    // An unreadable config fails before any download; nothing further to find.
    return missing;
  }
  // web-llm's asyncLoadTokenizer(): tokenizer.json when listed, else tokenizer.model.
  const tokenizer =
    Array.isArray(tokenizerFiles) && !tokenizerFiles.includes('tokenizer.json') && tokenizerFiles.includes('tokenizer.model')
      ? 'tokenizer.model'
      : 'tokenizer.json';
  if (!(await has(WEB_LLM_CACHES.model, folder(tokenizer)))) missing.push(folder(tokenizer));

  const manifestUrl = folder('tensor-cache.json');
  const manifest = await (await caches.open(WEB_LLM_CACHES.model)).match(manifestUrl);
  if (manifest === undefined) return [...missing, manifestUrl];
  for (const shard of readManifest(await manifest.text()) ?? []) {
    const url = folder(shard.dataPath);
    if (!(await has(WEB_LLM_CACHES.model, url))) missing.push(url);
  }
  return missing;
}
