// Offline reading (the worker is scripts/publish/service-worker.js; `astro dev` serves no sw.js).
import { withBase } from '../lib/url';

function announceUpdate(region: HTMLElement): void {
  const text = document.createElement('span');
  text.textContent = '新版本已就绪，刷新即可';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'button';
  reload.textContent = '刷新';
  reload.addEventListener('click', () => location.reload());
  region.replaceChildren(text, reload);
}

/**
 * The page that installs the worker is not controlled by it: the code its demos load (an
 * island's chunks, the tokenizer's worker), now or later, would not be kept for offline use.
 * Name the site's build files this page has loaded, and each one it loads from now on, to the
 * worker, which keeps them (scripts/publish/service-worker.js).
 */
function reportLoadedCode(worker: ServiceWorker): void {
  const buildFiles = new URL(withBase('_astro/'), location.href).href;
  new PerformanceObserver((list) => {
    const urls = list
      .getEntries()
      .map((entry) => entry.name)
      .filter((name) => name.startsWith(buildFiles));
    if (urls.length > 0) worker.postMessage({ type: 'keep', urls });
  }).observe({ type: 'resource', buffered: true });
}

/**
 * Registers the worker once the page has loaded and `startedUp` has settled, and has the page say
 * when a new version takes over.
 */
export function registerServiceWorker(startedUp: () => Promise<void>): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const region = document.querySelector<HTMLElement>('.sw-update');
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type === 'site-updated' && region) announceUpdate(region);
  });
  // After the page's own downloads, so the worker's precaching never competes with them, and
  // after its start-up (the islands in view): the worker starts and precaches in the page's
  // renderer, and on a phone's few cores that made the islands' start-up tasks much longer. The
  // browser itself looks for a new sw.js when the reader comes back (it is served no-cache).
  addEventListener('load', () => {
    startedUp()
      .then(() => navigator.serviceWorker.register(withBase('sw.js'), { scope: withBase('') }))
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        if (navigator.serviceWorker.controller === null && registration.active) reportLoadedCode(registration.active);
      })
      .catch((error: unknown) => {
        console.warn('Offline reading is unavailable:', error);
      });
  });
}
