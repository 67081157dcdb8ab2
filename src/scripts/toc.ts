// Highlights the section being read in the table of contents, keeps that entry in sight when the
// contents scroll on their own (the sticky column on a laptop), and opens the contents as a sheet
// from the phone's reading controls.

/** How far below the top of the window a heading counts as reached: just past where an in-page
 * jump puts it (html's scroll-padding-top), so the highlight follows a jump at once. */
function readingLine(): number {
  return (parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0) + 24;
}

/** The last of `elements` whose top has passed the reading line. */
function lastReached<T extends Element>(elements: T[], line: number): T | undefined {
  let reached: T | undefined;
  for (const element of elements) {
    if (element.getBoundingClientRect().top <= line) reached = element;
    else break;
  }
  return reached;
}

/** Scrolls the contents, never the page, so that the entry is inside their visible part. */
function keepInSight(container: HTMLElement, entry: HTMLElement): void {
  if (container.scrollHeight <= container.clientHeight) return;
  const top = entry.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop;
  const bottom = top + entry.offsetHeight;
  const margin = container.clientHeight / 3;
  if (top < container.scrollTop || bottom > container.scrollTop + container.clientHeight) {
    container.scrollTop = Math.max(0, top - margin);
  }
}

export function trackCurrentSection(toc: HTMLElement | null): void {
  if (!toc) return;

  const links = new Map<string, HTMLAnchorElement>();
  for (const link of toc.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
    links.set(decodeURIComponent(link.hash.slice(1)), link);
  }
  const headings = [...links.keys()]
    .map((id) => document.getElementById(id))
    .filter((heading): heading is HTMLElement => heading !== null);
  // Sections far off screen are not laid out (content-visibility), so measure only the headings
  // outside them (h2) and the subheadings of the one being read.
  const topLevel: HTMLElement[] = [];
  const subheadings = new Map<HTMLElement, HTMLElement[]>();
  for (const heading of headings) {
    const parent = topLevel.at(-1);
    if (heading.closest('.article-section') && parent) subheadings.get(parent)!.push(heading);
    else {
      topLevel.push(heading);
      subheadings.set(heading, []);
    }
  }

  let current: HTMLAnchorElement | undefined;
  const update = () => {
    const line = readingLine();
    const section = lastReached(topLevel, line) ?? topLevel[0];
    const heading = section ? (lastReached(subheadings.get(section)!, line) ?? section) : undefined;
    const link = heading ? links.get(heading.id) : undefined;
    if (link === current) return;
    current?.removeAttribute('aria-current');
    link?.setAttribute('aria-current', 'location');
    current = link;
    if (link) keepInSight(toc, link);
  };

  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      update();
    });
  };
  addEventListener('scroll', schedule, { passive: true });
  addEventListener('hashchange', schedule);
  addEventListener('resize', schedule);
  schedule();
}

/** The phone's "contents" control opens the contents over the page; a choice or Escape closes it. */
export function openContentsFromControl(toc: HTMLElement | null, control: HTMLAnchorElement | null): void {
  const details = toc?.querySelector('details');
  if (!toc || !control || !details) return;
  const close = () => {
    document.documentElement.classList.remove('toc-sheet-open');
    control.setAttribute('aria-expanded', 'false');
  };
  control.setAttribute('aria-expanded', 'false');
  control.setAttribute('aria-controls', toc.id);
  control.addEventListener('click', (event) => {
    event.preventDefault();
    if (document.documentElement.classList.contains('toc-sheet-open')) return close();
    details.open = true;
    document.documentElement.classList.add('toc-sheet-open');
    control.setAttribute('aria-expanded', 'true');
    const current = toc.querySelector<HTMLElement>('[aria-current]');
    if (current) keepInSight(toc, current);
    (current ?? toc.querySelector<HTMLElement>('a'))?.focus({ preventScroll: true });
  });
  toc.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('a')) close();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && document.documentElement.classList.contains('toc-sheet-open')) {
      close();
      control.focus();
    }
  });
}
