/**
 * Model answers as Markdown, made safe to insert into the page.
 *
 * A model's output is untrusted text: a prompt can make it write `<img onerror>`, a
 * `javascript:` link or a `<form>` that imitates this site. Two layers keep that inert:
 * 1. marked never passes raw HTML through — an HTML tag in the answer is shown as text, which is
 *    also what a reader asking "how do I write <br>?" wants to see;
 * 2. DOMPurify then keeps only an allow-list of formatting elements, `href` only for http(s) and
 *    mailto, and every link opens in a new tab without access to this page.
 * The result is a DocumentFragment, so nothing is parsed twice.
 *
 * While an answer streams, re-rendering all of it on every frame costs tens of milliseconds once
 * it is a few thousand characters long. MarkdownView lexes the whole text (cheap) and rebuilds
 * only the top-level blocks whose source changed — usually just the last one. The lexer still
 * sees the whole text, so the result is the same DOM a full render would give.
 */

import DOMPurify, { type Config } from 'dompurify';
import { Marked, type Token, type Tokens, type TokensList } from 'marked';

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'strong', 'em', 'del', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'h4', 'h5', 'h6', 'a',
  'table', 'thead', 'tbody', 'tr', 'th', 'td',
];
const ALLOWED_ATTR = ['href', 'title', 'start', 'align'];
const SAFE_LINK = /^(?:https?|mailto):/i;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const marked = new Marked({
  gfm: true,
  // Chat models use single line breaks as line breaks, not as soft wraps.
  breaks: true,
  async: false,
  renderer: {
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    // No images: a model-written URL would be fetched as soon as it is shown (a tracking pixel).
    image: ({ text }: Tokens.Image) => escapeHtml(text),
    // Answers sit inside the article's own sections: their headings must not outrank them.
    heading({ tokens, depth }: Tokens.Heading) {
      const level = Math.min(6, depth + 3);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

let purifier: ReturnType<typeof DOMPurify> | null = null;

/** A private DOMPurify instance, so our hook never changes how other code on the page sanitizes. */
function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier !== null) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    if (href !== null && !SAFE_LINK.test(href.trim())) node.removeAttribute('href');
    if (node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  purifier = instance;
  return instance;
}

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP: SAFE_LINK,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  RETURN_DOM_FRAGMENT: true,
};

export function renderMarkdown(markdown: string): DocumentFragment {
  const html = marked.parse(markdown) as string;
  return getPurifier().sanitize(html, CONFIG);
}

interface RenderedBlock {
  /** The token's type and source: same key, same HTML. */
  key: string;
  nodes: ChildNode[];
}

/** Keeps `container` showing the Markdown it was last given, touching only changed blocks. */
export class MarkdownView {
  private blocks: RenderedBlock[] = [];
  /** Reference-style link definitions apply to the whole text; new ones invalidate every block. */
  private linksKey = '{}';

  constructor(private readonly container: HTMLElement) {}

  /**
   * Renders changed blocks in order until `deadline` (a performance.now() time) passes — at least
   * one per call, so it always progresses. Returns true once the container shows all of
   * `markdown`; otherwise call again (next frame) to continue. A burst of text that arrived while
   * the tab was busy is thus spread over several frames instead of one long task.
   */
  render(markdown: string, deadline = Infinity): boolean {
    const tokens = marked.lexer(markdown);
    const linksKey = JSON.stringify(tokens.links);
    let same = 0;
    if (linksKey === this.linksKey) {
      while (same < tokens.length && same < this.blocks.length && this.blocks[same]!.key === blockKey(tokens[same]!)) same++;
    }
    this.linksKey = linksKey;
    for (const stale of this.blocks.splice(same)) for (const node of stale.nodes) node.remove();
    for (let i = same; i < tokens.length; i++) {
      if (i > same && performance.now() > deadline) return false;
      const token = tokens[i]!;
      const single = Object.assign([token], { links: tokens.links }) as TokensList;
      const fragment = getPurifier().sanitize(marked.parser(single) as string, CONFIG);
      this.blocks.push({ key: blockKey(token), nodes: [...fragment.childNodes] });
      this.container.append(fragment);
    }
    return true;
  }
}

function blockKey(token: Token): string {
  return `${token.type}\u0000${token.raw}`;
}
