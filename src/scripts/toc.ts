// Highlights the section being read in the table of contents.
export function trackCurrentSection(toc: Element | null): void {
  if (!toc) return;

  const links = new Map<string, HTMLAnchorElement>();
  for (const link of toc.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
    links.set(decodeURIComponent(link.hash.slice(1)), link);
  }
  const headings = [...links.keys()]
    .map((id) => document.getElementById(id))
    .filter((heading): heading is HTMLElement => heading !== null);

  const visible = new Set<Element>();
  const update = () => {
    // The current section is the first heading on screen, else the last one scrolled past.
    const onScreen = headings.find((heading) => visible.has(heading));
    const current =
      onScreen ?? [...headings].reverse().find((heading) => heading.getBoundingClientRect().top < 0) ?? headings[0];
    for (const [id, link] of links) {
      if (id === current?.id) link.setAttribute('aria-current', 'location');
      else link.removeAttribute('aria-current');
    }
  };
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) visible.add(entry.target);
      else visible.delete(entry.target);
    }
    update();
  });
  for (const heading of headings) observer.observe(heading);
}
