// The site's service worker: once visited, the pages stay readable offline. The build prepends
// `const BUILD = { version, base, notFound, precache }` (see integration.mjs); a new build has a new version,
// so browsers install it, and its activation deletes the previous build's cache.
/* global BUILD */
const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

// Several sites can share an origin (GitHub Pages puts every project of an owner on one), and
// web-llm keeps its model caches on ours: only caches with this site's prefix are ever touched.
const prefix = `qwen-vs-llama3 ${BUILD.base} `;
const cacheName = prefix + BUILD.version;

// Model libraries, tokenizers and other data files are large and have caches of their own.
const bulkyFile = /\.(wasm|json|bin|onnx|gguf)$/;
const largestCachedBytes = 2 * 1024 * 1024;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(BUILD.precache))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(activate());
});

// No clients.claim(): the page that first installs the worker has everything it needs already
// and stays uncontrolled; pages opened from then on use the worker. An update needs no claim
// either, as pages the old version controlled move to the new one when it activates.
async function activate() {
  const stale = (await caches.keys()).filter((name) => name.startsWith(prefix) && name !== cacheName);
  await Promise.all(stale.map((name) => caches.delete(name)));
  // A previous version's cache means this is an update: tell open pages. Pages queue the
  // message until their scripts have run, so none misses it while still loading.
  if (!stale.length) return;
  for (const client of await worker.clients.matchAll({ type: 'window' })) client.postMessage({ type: 'site-updated' });
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  // Model downloads and anything else from another origin go straight to the network.
  if (url.origin !== worker.location.origin || !url.pathname.startsWith(BUILD.base)) return;
  if (bulkyFile.test(url.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(event));
  else if (url.pathname.startsWith(`${BUILD.base}_astro/`)) event.respondWith(cacheFirst(event));
});

/**
 * Stores a copy of a response once it has arrived, if it is small: the size is measured on the
 * body, since compressed responses often come without Content-Length. The page gets the
 * response at once; storing finishes in the background.
 */
function keep(event, response, key = event.request) {
  if (!response.ok || response.type !== 'basic') return;
  event.waitUntil(store(response.clone(), key));
}

async function store(response, key) {
  const body = await response.blob();
  if (body.size > largestCachedBytes) return;
  const cache = await caches.open(cacheName);
  await cache.put(key, new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers }));
}

/**
 * The page that installed this worker is not controlled by it (see activate), so the code its
 * demos load afterwards (an island's chunks, the tokenizer's own worker) never comes through
 * here. That page names the build files it has loaded (ServiceWorker.astro), and they are kept
 * as if they had: the next visit can start those demos offline. The names are checked: only
 * this site's hashed build output, never data files.
 */
worker.addEventListener('message', (event) => {
  const { data } = event;
  if (data?.type !== 'keep' || !Array.isArray(data.urls)) return;
  event.waitUntil(keepLoaded(data.urls.filter((href) => typeof href === 'string')));
});

async function keepLoaded(hrefs) {
  const cache = await caches.open(cacheName);
  for (const href of hrefs) {
    const url = new URL(href, worker.location.href);
    if (url.origin !== worker.location.origin || !url.pathname.startsWith(`${BUILD.base}_astro/`) || bulkyFile.test(url.pathname)) continue;
    if (await cache.match(url.href)) continue;
    // The page has just loaded it, so it is taken from the browser's HTTP cache and never
    // downloaded a second time (web-llm's 6.8 MB worker is among the names, and is too big to keep).
    const response = await fetch(url.href, { cache: 'only-if-cached', mode: 'same-origin' }).catch(() => null);
    if (!response?.ok || response.type !== 'basic') continue;
    if (Number(response.headers.get('content-length') ?? 0) > largestCachedBytes) {
      await response.body?.cancel();
      continue;
    }
    await store(response, url.href);
  }
}

/**
 * A page is kept under its path alone: the query of a share link or a tracking parameter
 * (`?fbclid=…`) names the same page, and keeping each would fill the cache with copies.
 */
function pageKey(request) {
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  return url.href;
}

// Pages: the newest when online, the last one seen when not, and the site's 404 page for an
// address it never had (rather than the browser's own offline error).
async function networkFirst(event) {
  const key = pageKey(event.request);
  try {
    const response = await fetch(event.request);
    keep(event, response, key);
    return response;
  } catch (error) {
    const cache = await caches.open(cacheName);
    const cached = await cache.match(key);
    if (cached) return cached;
    const notFound = await cache.match(BUILD.notFound);
    if (!notFound) throw error;
    return new Response(notFound.body, { status: 404, statusText: 'Not Found', headers: notFound.headers });
  }
}

// Hashed build output never changes under its name.
async function cacheFirst(event) {
  const cached = await caches.match(event.request, { cacheName });
  if (cached) return cached;
  const response = await fetch(event.request);
  keep(event, response);
  return response;
}
