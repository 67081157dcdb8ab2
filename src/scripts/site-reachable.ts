// navigator.onLine is only the browser's guess: it says online on a network with no way out, and
// in a page reloaded under Chromium's emulated offline mode (the end-to-end tests'). When part of
// the site failed to load, ask the site itself, with a request that no cache answers: the service
// worker leaves HEAD requests to the network (scripts/publish/service-worker.js).
/** Whether the site's server cannot be reached from this page right now. */
export async function siteUnreachable(): Promise<boolean> {
  if (!navigator.onLine) return true;
  try {
    await fetch(location.href, { method: 'HEAD', cache: 'no-store' });
    return false;
  } catch {
    return true;
  }
}
