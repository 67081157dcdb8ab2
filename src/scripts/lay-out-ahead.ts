// On phones the article's parts far off screen are skipped (content-visibility: auto, in
// ArticleLayout.astro), which keeps the first paint fast; but a skipped part is then laid out in
// the scroll frame that brings it near, and a part dense with formulas, or a wide table, took
// that frame past 50 ms on a 4× slower CPU. So, once the page and its fonts have loaded (a font
// arriving later would undo the work), lay the parts out while the main thread is idle, the one
// nearest the reader first. Asking for the size of something inside a skipped part makes the
// browser lay that part out, and the layout is kept: the part stays skipped, keeps its height
// (nothing on screen moves), and has little left to do when it comes near. A change of width
// undoes it all, so that starts the work again.

/** The mark, in the page's performance timeline, of every part being laid out. */
export const articleLaidOutMark = 'article-laid-out';

// The browser's idle periods last up to 50 ms when nothing moves, and less than a frame (16.7 ms
// at 60 Hz) between the frames of a scroll or an animation. Work only in the long ones, so that
// no frame waits for it, and one part at a time: a part takes up to about 9 ms of this machine's
// CPU and 35 ms of a 4× slower one, so no task grows long enough to block input.
const longIdle = 30;

function whenLongIdle(work: () => void): void {
  if (!('requestIdleCallback' in window)) {
    // Without idle callbacks (Safari), a part every so often.
    setTimeout(work, 50);
    return;
  }
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

export function layOutArticleAhead(fontsLoaded: Promise<void>): void {
  const parts = [...document.querySelectorAll('.article-part')];
  const [first] = parts;
  if (!first) return;
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

  void fontsLoaded.then(() => {
    start();
    let width = innerWidth;
    addEventListener('resize', () => {
      if (innerWidth === width) return;
      width = innerWidth;
      start();
    });
  });
}
