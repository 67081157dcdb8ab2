// Loads an island's code only when the reader is about to see it, so the article ships almost no
// JavaScript up front. The page keeps working (static content) if loading fails.
import { nextTask } from '../lib/next-task';

export interface Island {
  mount(root: HTMLElement): void | Promise<void>;
}

/**
 * Calls `load` once, when the first of `roots` comes within `rootMargin` of the viewport, then
 * mounts the island into every root. Each root gets `data-island-state` = loading | ready | failed.
 */
export function loadWhenNear(roots: Iterable<HTMLElement>, load: () => Promise<Island>, rootMargin = '300px'): void {
  const pending = [...roots];
  if (!pending.length) return;
  let island: Promise<Island> | undefined;
  const start = (root: HTMLElement) => {
    root.dataset.islandState = 'loading';
    // Requested in a task of its own: Vite adds a preload link per file of the island's code,
    // each costing the main thread about a millisecond, a few on a phone.
    island ??= nextTask().then(load);
    island
      .then((loaded) => loaded.mount(root))
      .then(() => (root.dataset.islandState = 'ready'))
      .catch((error: unknown) => {
        root.dataset.islandState = 'failed';
        console.warn('Island failed to load', error);
      });
  };
  if (!('IntersectionObserver' in window)) {
    pending.forEach(start);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        start(entry.target as HTMLElement);
      }
    },
    { rootMargin },
  );
  for (const root of pending) observer.observe(root);
}
