// The formulas' font (src/styles/math.css) is fetched when text first needs it, and on a phone
// that is a scroll frame: the one that first shows a formula, which then also sets the font up
// (about 35 ms of a 4× slower CPU). Once the page has loaded, fetch it ahead of the reader. The
// bytes are not extra: the service worker keeps the font for offline reading anyway.
/** Settles once the page has loaded and the math font has arrived or failed, or is not needed. */
export function loadMathFontAfterPage(): Promise<void> {
  const needed = document.querySelector('math') !== null;
  return new Promise((settled) => {
    addEventListener(
      'load',
      () => {
        if (!needed) return settled();
        // Should it fail, the formulas are drawn in the text's font, as until the font arrives.
        document.fonts.load('1em "Noto Sans Math"').then(() => settled(), () => settled());
      },
      { once: true },
    );
  });
}
