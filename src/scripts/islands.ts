// Loads an island's code only when the reader is about to see it, so the article ships almost no
// JavaScript up front. The page keeps working (static content) if loading fails.
import { nextTask } from '../lib/next-task';

export interface Island {
  mount(root: HTMLElement): void | Promise<void>;
}

/** Each island kind's first look at where its roots are (what the page starts with). */
const firstLooks: Promise<void>[] = [];
/** Every island mount begun so far; each settles as its island is ready or has failed. */
const mounts: Promise<void>[] = [];

/** Settles once the islands the page started with (those near the screen) are ready or have failed. */
export async function startedIslandsSettled(): Promise<void> {
  await Promise.all(firstLooks);
  await Promise.all(mounts);
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
    const mounted = island
      .then((loaded) => loaded.mount(root))
      .then(() => {
        root.dataset.islandState = 'ready';
      })
      .catch((error: unknown) => {
        root.dataset.islandState = 'failed';
        console.warn('Island failed to load', error);
      });
    mounts.push(mounted);
  };
  if (!('IntersectionObserver' in window)) {
    pending.forEach(start);
    return;
  }
  // An observer reports every root once as soon as it can, near or not: that is the first look.
  let firstLookTaken = () => {};
  firstLooks.push(new Promise((resolve) => (firstLookTaken = resolve)));
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        start(entry.target as HTMLElement);
      }
      firstLookTaken();
    },
    { rootMargin },
  );
  for (const root of pending) observer.observe(root);
}
