// On narrow screens, parts of sections far off screen are skipped (content-visibility: auto) and
// hold a guessed height until drawn. A jump to a far anchor is computed with those guesses; the
// part just above the target is then drawn at its real height and pushes the target down (a screen
// or more, far down the page). After the frame that draws it, put the target back where the jump
// meant it to be. The same puts a reader coming back to a citation (#cite-12, an id given out on
// use) at it.
function settle(): void {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const wanted = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
      if (Math.abs(target.getBoundingClientRect().top - wanted) > 4) target.scrollIntoView();
    }),
  );
}

export function settleFragmentJumps(): void {
  addEventListener('hashchange', settle);
  settle();
}
