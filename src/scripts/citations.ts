// Citation previews and back-links. The page carries each reference once, in its reference list;
// a citation is a plain link to it. Here a single tooltip shows the reference on hover, keyboard
// focus or a first tap (a second tap, or the tooltip's own link, jumps to the list), and the
// reference the reader jumps to gets a link back to the citation they came from.
const tooltipId = 'cite-tooltip';

function referenceFor(link: HTMLAnchorElement): HTMLElement | null {
  return document.getElementById(decodeURIComponent(link.hash.slice(1)));
}

/** Gives the citation an id (on first use only: 600 of them in the HTML would be dead weight). */
function idFor(link: HTMLAnchorElement): string {
  if (!link.id) {
    const index = [...document.querySelectorAll('.cite-link')].indexOf(link);
    link.id = `cite-${index + 1}`;
  }
  return link.id;
}

/** Points the reference's back-link at this citation, the last one the reader used. */
function rememberCitation(link: HTMLAnchorElement): void {
  const reference = referenceFor(link);
  if (!reference) return;
  let back = reference.querySelector<HTMLAnchorElement>('.ref-back');
  if (!back) {
    back = document.createElement('a');
    back.className = 'ref-back';
    back.textContent = '↩ 回到引用处';
    reference.append(back);
  }
  back.href = `#${idFor(link)}`;
}

function createTooltip(): HTMLElement {
  const tooltip = document.createElement('div');
  tooltip.id = tooltipId;
  tooltip.className = 'cite-tooltip';
  tooltip.setAttribute('role', 'tooltip');
  tooltip.hidden = true;
  document.body.append(tooltip);
  return tooltip;
}

export function enhanceCitations(): void {
  if (!document.querySelector('.cite-link')) return;
  const tooltip = createTooltip();
  let shownFor: HTMLAnchorElement | null = null;
  let openBeforeTap = false;

  const hide = () => {
    shownFor?.removeAttribute('aria-describedby');
    shownFor = null;
    tooltip.hidden = true;
  };

  const show = (link: HTMLAnchorElement) => {
    const reference = referenceFor(link);
    if (!reference) return;
    if (shownFor === link) return;
    hide();
    const text = document.createElement('p');
    for (const node of reference.childNodes) {
      if (node instanceof Element && node.classList.contains('ref-back')) continue;
      text.append(node.cloneNode(true));
    }
    const jump = document.createElement('a');
    jump.className = 'cite-tooltip-jump';
    jump.href = link.hash;
    jump.textContent = `在参考文献中查看 ${link.textContent} ↓`;
    jump.addEventListener('click', () => {
      rememberCitation(link);
      hide();
    });
    tooltip.replaceChildren(text, jump);
    tooltip.hidden = false;
    link.setAttribute('aria-describedby', tooltipId);
    shownFor = link;
    place(link);
  };

  // Above the citation if there is room, else below; always inside the viewport's width.
  const place = (link: HTMLAnchorElement) => {
    const box = link.getBoundingClientRect();
    const margin = 8;
    const width = tooltip.offsetWidth;
    const height = tooltip.offsetHeight;
    const left = Math.min(Math.max(margin, box.left + box.width / 2 - width / 2), window.innerWidth - width - margin);
    const top = box.top - height - margin >= 0 ? box.top - height - margin : box.bottom + margin;
    tooltip.style.left = `${left + window.scrollX}px`;
    tooltip.style.top = `${top + window.scrollY}px`;
  };

  const citationIn = (target: EventTarget | null) =>
    target instanceof Element ? target.closest<HTMLAnchorElement>('a.cite-link') : null;

  document.addEventListener('pointerover', (event) => {
    const link = citationIn(event.target);
    if (link && event.pointerType === 'mouse') show(link);
  });
  document.addEventListener('pointerout', (event) => {
    if (event.pointerType !== 'mouse' || !shownFor) return;
    const to = event.relatedTarget;
    if (to instanceof Node && (shownFor.contains(to) || tooltip.contains(to))) return;
    if (document.activeElement === shownFor) return;
    hide();
  });
  document.addEventListener('focusin', (event) => {
    const link = citationIn(event.target);
    if (link) show(link);
    else if (!(event.target instanceof Node && tooltip.contains(event.target))) hide();
  });
  document.addEventListener('pointerdown', (event) => {
    const link = citationIn(event.target);
    openBeforeTap = link !== null && link === shownFor;
    if (!link && !(event.target instanceof Node && tooltip.contains(event.target))) hide();
  });
  document.addEventListener('click', (event) => {
    const link = citationIn(event.target);
    if (!link) return;
    // A first tap on a touch screen previews; the jump is one more tap away.
    const touch = event instanceof PointerEvent && event.pointerType === 'touch';
    if (touch && !openBeforeTap) {
      event.preventDefault();
      show(link);
      return;
    }
    rememberCitation(link);
    hide();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && shownFor) {
      const link = shownFor;
      hide();
      if (tooltip.contains(document.activeElement)) link.focus();
    }
  });
}
