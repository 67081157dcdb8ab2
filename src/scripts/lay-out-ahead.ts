// On phones the article's parts far off screen are skipped (content-visibility: auto, in
// ArticleLayout.astro), which keeps the first paint fast; but a skipped part is then laid out in
// the scroll frame that brings it near, and a part dense with formulas, or a wide table, took
// that frame past 50 ms on a 4× slower CPU in Chromium 150. So, once the page and the math font
// have loaded (the text's fonts are the system's; a font arriving later would undo the work), lay
// the parts out while the main thread is idle, the one nearest the reader first. Asking for the
// size of something inside a skipped part makes the browser lay that part out, and the layout is
// kept: the part stays skipped, keeps its height (nothing on screen moves), and has little left
// to do when it comes near. A change of width undoes it all, so that starts the work again.

/**
 * The mark, in the page's performance timeline, of the work being done: every skipped part laid
 * out (or none skipped, on a wide screen); set again after each change of width.
 */
export const articleLaidOutMark = 'article-laid-out';

// The browser's idle periods last up to 50 ms when nothing moves, and less than a frame (16.7 ms
// at 60 Hz) between the frames of a scroll or an animation. Work only in the long ones, so that
// no frame waits for it, and one part at a time: a part takes up to about 13 ms of a laptop's CPU
// and 35–70 ms of one 4× slower, so no task grows much past what a long idle period allows.
const longIdle = 30;

function whenLongIdle(work: () => void): void {
  requestIdleCallback(function whenLong(deadline) {
    if (deadline.timeRemaining() >= longIdle) work();
    else requestIdleCallback(whenLong);
  });
}

/** How far the part is from the screen, in px; 0 if on it (then the browser has laid it out). */
function distanceFromScreen(part: Element): number {
  const { top, bottom } = part.getBoundingClientRect();
  return Math.max(0, top - innerHeight, -bottom);
}

/** Starts the work once `pageLoaded` (the page with its math font) settles. */
export function layOutArticleAhead(pageLoaded: Promise<void>): void {
  const parts = [...document.querySelectorAll('.article-part')];
  const [first] = parts;
  // Without idle callbacks (Safari) there is no telling a reader's pause from a scroll, and work
  // in a scroll frame is what this avoids: parts are laid out as they come near, as without it.
  if (!first || !('requestIdleCallback' in window)) return;
  let waiting: Element[] = [];
  let running = false;

  const layOutNearest = () => {
    let nearest: Element | undefined;
    let nearestDistance = Infinity;
    for (const part of waiting) {
      const distance = distanceFromScreen(part);
      if (distance < nearestDistance) [nearest, nearestDistance] = [part, distance];
    }
    if (!nearest) {
      running = false;
      performance.mark(articleLaidOutMark);
      return;
    }
    waiting = waiting.filter((part) => part !== nearest);
    nearest.lastElementChild?.getBoundingClientRect();
    whenLongIdle(layOutNearest);
  };

  const start = () => {
    // On wider screens nothing is skipped: the page was laid out whole.
    waiting = getComputedStyle(first).contentVisibility === 'auto' ? [...parts] : [];
    if (!running) {
      running = true;
      whenLongIdle(layOutNearest);
    }
  };

  void pageLoaded.then(() => {
    start();
    let width = innerWidth;
    addEventListener('resize', () => {
      if (innerWidth === width) return;
      width = innerWidth;
      start();
    });
  });
}
