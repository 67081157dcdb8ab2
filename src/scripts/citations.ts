// Citation previews and back-links. The article carries each reference once, on its references
// page; a citation is a plain link to it. Here a single tooltip shows the reference on hover,
// keyboard focus or a first tap (a second tap, or the tooltip's own link, goes to the list), read
// from that page, fetched once when the first preview is asked for; and the reference the reader
// goes to gets a link back to the citation they came from, the last one they used.
import { sitePage } from './site-page';

const tooltipId = 'cite-tooltip';
/** sessionStorage: the citation the reader last followed, `{ reference, href }`. */
const returnKey = 'citation-return';

interface CitationReturn {
  /** The id of the reference's list item. */
  reference: string;
  /** The citation, on the page it stands on. */
  href: string;
}

const referenceId = (link: HTMLAnchorElement) => decodeURIComponent(link.hash.slice(1));

/** Gives the citation an id (on first use only: hundreds of them in the HTML would be dead weight). */
function idFor(link: HTMLAnchorElement): string {
  if (!link.id) {
    const index = [...document.querySelectorAll('.cite-link')].indexOf(link);
    link.id = `cite-${index + 1}`;
  }
  return link.id;
}

/** Remembers this citation as the one to come back to from its reference. */
function rememberCitation(link: HTMLAnchorElement): void {
  const back: CitationReturn = { reference: referenceId(link), href: `${location.pathname}#${idFor(link)}` };
  try {
    sessionStorage.setItem(returnKey, JSON.stringify(back));
  } catch {
    // Storage refused (a private window's quota, say): the browser's Back button still returns.
  }
}

function addBackLink(reference: Element, href: string): void {
  let back = reference.querySelector<HTMLAnchorElement>('.ref-back');
  if (!back) {
    back = document.createElement('a');
    back.className = 'ref-back';
    back.textContent = '↩ 回到引用处';
    reference.append(back);
  }
  back.href = href;
}

/** On the references page: the reference the reader came to links back to where they came from. */
export function linkBackToCitation(): void {
  let back: CitationReturn | null = null;
  try {
    back = JSON.parse(sessionStorage.getItem(returnKey) ?? 'null') as CitationReturn | null;
  } catch {
    return;
  }
  if (!back || typeof back.reference !== 'string' || typeof back.href !== 'string' || !/^\/(?!\/)/.test(back.href)) return;
  const reference = document.getElementById(back.reference);
  if (reference?.closest('.references')) addBackLink(reference, back.href);
}

/** A link back to a citation (#cite-12) names an id the page gives out only on use: give it now. */
function restoreCitationTarget(): void {
  const match = /^#cite-(\d+)$/.exec(location.hash);
  if (!match || document.getElementById(location.hash.slice(1))) return;
  const link = document.querySelectorAll<HTMLAnchorElement>('.cite-link')[Number(match[1]) - 1];
  if (link) idFor(link);
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
  restoreCitationTarget();
  const tooltip = createTooltip();
  let shownFor: HTMLAnchorElement | null = null;
  let openBeforeTap = false;

  const hide = () => {
    shownFor?.removeAttribute('aria-describedby');
    shownFor = null;
    tooltip.hidden = true;
  };

  const show = (link: HTMLAnchorElement) => {
    if (shownFor === link) return;
    hide();
    const jump = document.createElement('a');
    jump.className = 'cite-tooltip-jump';
    jump.setAttribute('href', link.getAttribute('href')!);
    jump.textContent = `在参考文献中查看 ${link.textContent} →`;
    jump.addEventListener('click', () => {
      rememberCitation(link);
      hide();
    });
    const text = document.createElement('p');
    text.textContent = '正在载入参考文献…';
    tooltip.replaceChildren(text, jump);
    tooltip.hidden = false;
    link.setAttribute('aria-describedby', tooltipId);
    shownFor = link;
    place(link);
    sitePage(link.href.split('#')[0]!).then(
      (page) => {
        if (shownFor !== link) return;
        const reference = page.getElementById(referenceId(link));
        if (!reference) {
          text.textContent = '参考文献页里没有这一条。';
        } else {
          text.replaceChildren();
          for (const node of reference.childNodes) {
            if (node instanceof Element && node.classList.contains('ref-back')) continue;
            text.append(document.importNode(node, true));
          }
        }
        place(link);
      },
      () => {
        if (shownFor !== link) return;
        text.textContent = '参考文献没能载入（网络断开？），可以点下面的链接打开参考文献页。';
        place(link);
      },
    );
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
