/**
 * The tokenizer files, kept once downloaded, so the demo works offline afterwards and on hosts
 * whose HTTP caching lets them expire within minutes (GitHub Pages). The site's service worker
 * leaves data files alone (scripts/publish/service-worker.js); this cache is the tokenizer's own,
 * named outside the service worker's prefix so that a new build's worker does not delete it.
 * Files of an earlier build (their hashed names change with their content) are dropped when the
 * new ones are stored. Any failure of the Cache API (private browsing, quota) only means the
 * files are downloaded again.
 */

export const CACHE_NAME = 'qwen-vs-llama3 tokenizers';

async function openCache(): Promise<Cache | null> {
  try {
    return 'caches' in globalThis ? await caches.open(CACHE_NAME) : null;
  } catch {
    return null;
  }
}

/** The file as stored by an earlier visit, or null. */
export async function readKept(url: string): Promise<ArrayBuffer | null> {
  try {
    const stored = await (await openCache())?.match(url);
    return stored ? await stored.arrayBuffer() : null;
  } catch {
    return null;
  }
}

const folderOf = (href: string) => href.slice(0, href.lastIndexOf('/') + 1);

/**
 * Copies a downloaded file at once (the caller hands `bytes` over to a worker) and returns what
 * stores it: to be called only once the file has parsed, so a wrong answer (an HTML error page
 * served instead) is never kept. Storing drops tokenizer files in the same folder that are not
 * among `current`.
 */
export function keeper(url: string, bytes: ArrayBuffer, current: readonly string[]): () => void {
  const response = new Response(bytes, { headers: { 'content-type': 'application/json' } });
  return () =>
    void (async () => {
      const cache = await openCache();
      if (!cache) return;
      const href = new URL(url, location.href).href;
      const wanted = new Set(current.map((other) => new URL(other, location.href).href));
      const stale = (await cache.keys()).filter(
        (request) => folderOf(request.url) === folderOf(href) && /\/tokenizer\.[^/]+\.json$/.test(request.url) && !wanted.has(request.url),
      );
      await Promise.all([cache.put(href, response), ...stale.map((request) => cache.delete(request))]);
    })().catch(() => undefined);
}

export interface KeptFiles {
  files: number;
  bytes: number;
}

/**
 * What the tokenizer keeps in this browser, for the models page's storage list; null when nothing
 * (or no Cache API). Sizes are read from the stored bodies: the files were stored without a
 * Content-Length.
 */
export async function keptFiles(storage: Pick<CacheStorage, 'has' | 'open'> | undefined = globalThis.caches): Promise<KeptFiles | null> {
  // has() first: open() would create the cache just by asking.
  if (storage === undefined || !(await storage.has(CACHE_NAME))) return null;
  const cache = await storage.open(CACHE_NAME);
  const requests = await cache.keys();
  let bytes = 0;
  for (const request of requests) bytes += (await (await cache.match(request))?.blob())?.size ?? 0;
  return requests.length === 0 ? null : { files: requests.length, bytes };
}

/** Deletes the kept files; the tokenizer downloads them again when next used. */
export async function deleteKeptFiles(storage: Pick<CacheStorage, 'delete'> | undefined = globalThis.caches): Promise<void> {
  await storage?.delete(CACHE_NAME);
}
