// The appendices were once sections of the text page, and links to them (shared, bookmarked) still
// point there: /#参考文献, /#ref-Vaswani, /#errata-row-E3, /#91-…. On the text page, a fragment
// that names nothing on it is sent on to the appendix page that has it now.

import { sitePage } from './site-page';

type Page = 'faq' | 'errata' | 'references';

// Whole sections that became pages, and the ids that only a list on one of them carries.
const sections: Record<string, Page> = { 参考文献: 'references', 附录勘误表: 'errata', '9-附录常见问题与解答': 'faq' };
const prefixes: Array<[string, Page]> = [
  ['ref-', 'references'],
  ['errata-row-', 'errata'],
];

/** `contents` is the table of contents, whose page entries (data-page) know each page's address. */
export async function followMovedAnchor(contents: HTMLElement | null): Promise<void> {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id || !contents || document.getElementById(id)) return;
  if (!contents.querySelector('[data-page="text"] [aria-current="page"]')) return;
  const href = (page: Page) => contents.querySelector<HTMLAnchorElement>(`[data-page="${page}"] a`)?.href;
  const section = sections[id];
  if (section) return go(href(section));
  const prefixed = prefixes.find(([prefix]) => id.startsWith(prefix));
  if (prefixed) return go(href(prefixed[1]), id);
  // Anything else that moved (a question, a table, an erratum) is on the FAQ page, if anywhere.
  const faq = href('faq');
  if (!faq) return;
  try {
    if ((await sitePage(faq)).getElementById(id)) go(faq, id);
  } catch {
    // Offline and not kept: the reader stays on the text page, at its top.
  }
}

function go(page: string | undefined, id?: string): void {
  if (page) location.replace(id ? `${page}#${encodeURIComponent(id)}` : page);
}
