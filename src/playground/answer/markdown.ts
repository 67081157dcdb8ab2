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
 * Links whose text misstates their target are rewritten to show it (link-destinations.ts).
 *
 * While an answer streams, re-rendering all of it on every frame costs tens of milliseconds once
 * it is a few thousand characters long. MarkdownView splits the whole text into blocks (cheap)
 * and parses the inline Markdown of, and rebuilds, only the top-level blocks whose source changed
 * — usually just the last one. The block lexer still sees the whole text, so the result is the
 * same DOM a full render would give.
 *
 * Model output can also be built to hurt the renderer, so rendering never throws and never
 * blocks for long: nesting is bounded (markdown-nesting.ts); a block that fails is shown as
 * plain text; and inline Markdown that is too long, or that proved slow once (marked's emphasis
 * matching is quadratic: 16 KB of `_a_a…` takes 420 ms), is shown as text inside its block.
 */

import DOMPurify, { type Config } from 'dompurify';
import { Lexer, Marked, type Token, type Tokens, type TokensList } from 'marked';
import { revealLinkDestinations } from './link-destinations';
import { boundNesting } from './markdown-nesting';
import { plainText } from './plain-text';

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

/** Inline Markdown longer than this is shown as text: its parse alone could take a long task. */
const MAX_INLINE_CHARS = 5000;
/** A block whose inline parse took longer keeps its text unparsed while it grows… */
const SLOW_BLOCK_MS = 10;
/**
 * …if it is this long: below it no Markdown is slow to parse (16 KB of `_a_a…` takes 420 ms,
 * 2,000 characters about 6 ms), so a slow render there was a pause of the whole page (garbage
 * collection, a busy machine), not the block's fault.
 */
const SLOW_BLOCK_MIN_CHARS = 2000;

interface Block {
  /** The token's type and source: same key, same HTML. */
  key: string;
  token: Token;
  /** The block's inline sources, not parsed yet. */
  inline: { src: string; tokens: Token[] }[];
}

interface LexedText {
  /** Holds the link definitions the inline parse needs; null: the text could not be lexed, every block is plain text. */
  lexer: Lexer | null;
  blocks: Block[];
  links: TokensList['links'];
}

/**
 * Marked's lexer split in two: block structure for the whole text now, inline Markdown (the
 * expensive part) later and only for the blocks that are rendered.
 */
function lexBlocks(markdown: string): LexedText {
  try {
    const lexer = new Lexer(marked.defaults);
    const tokens = lexer.blockTokens(boundNesting(markdown).replace(/\r\n|\r/g, '\n'), lexer.tokens);
    const owner = new Map<Token[], Block>();
    const blocks = tokens.map((token) => {
      const block: Block = { key: blockKey(token), token, inline: [] };
      for (const list of tokenLists(token)) owner.set(list, block);
      return block;
    });
    for (const entry of lexer.inlineQueue) owner.get(entry.tokens)?.inline.push(entry);
    return { lexer, blocks, links: lexer.tokens.links };
  } catch {
    const blocks = markdown.split(/\n{2,}/).map((raw): Block => {
      const token = { type: 'plain', raw } as unknown as Token;
      return { key: blockKey(token), token, inline: [] };
    });
    return { lexer: null, blocks, links: Object.create(null) as TokensList['links'] };
  }
}

/** Every token array inside a block token (paragraph text, list items, table cells, …). */
function tokenLists(token: Token, found: Token[][] = []): Token[][] {
  for (const value of Object.values(token)) {
    if (!Array.isArray(value)) continue;
    found.push(value as Token[]);
    for (const item of value) {
      if (Array.isArray(item)) for (const cell of item) tokenLists(cell as Token, found);
      else if (typeof item === 'object' && item !== null) tokenLists(item as Token, found);
    }
  }
  return found;
}

/** Renders blocks one at a time, remembering which growing blocks were too slow to parse. */
class BlockRenderer {
  /** Sources of blocks whose inline parse was slow; a block extending one of them keeps its text unparsed. */
  private slowSources: string[] = [];

  render(block: Block, lexed: LexedText): DocumentFragment {
    const { raw } = block.token;
    const { lexer } = lexed;
    if (lexer === null) return plainText(raw);
    try {
      const started = performance.now();
      const slow = this.isSlow(raw);
      for (const { src, tokens } of block.inline) {
        // The block keeps its structure (quotes, lists, tables); only its text is not parsed.
        if (slow || src.length > MAX_INLINE_CHARS) tokens.push({ type: 'text', raw: src, text: src, escaped: false } as Tokens.Text);
        else {
          // As Lexer.lex() does for each queued inline source.
          lexer.state.inRawBlock = false;
          lexer.inlineTokens(src, tokens);
        }
      }
      const single = Object.assign([block.token], { links: lexed.links }) as TokensList;
      const fragment = getPurifier().sanitize(marked.parser(single) as string, CONFIG);
      revealLinkDestinations(fragment);
      if (raw.length >= SLOW_BLOCK_MIN_CHARS && performance.now() - started > SLOW_BLOCK_MS) this.slowSources = [...this.slowSources.slice(-7), raw];
      return fragment;
    } catch {
      return plainText(raw);
    }
  }

  private isSlow(raw: string): boolean {
    return this.slowSources.some((slow) => raw.startsWith(slow));
  }
}

export function renderMarkdown(markdown: string): DocumentFragment {
  const lexed = lexBlocks(markdown);
  const renderer = new BlockRenderer();
  const fragment = document.createDocumentFragment();
  for (const block of lexed.blocks) fragment.append(renderer.render(block, lexed));
  return fragment;
}

interface RenderedBlock {
  key: string;
  nodes: ChildNode[];
}

/** Keeps `container` showing the Markdown it was last given, touching only changed blocks. */
export class MarkdownView {
  private blocks: RenderedBlock[] = [];
  /** Reference-style link definitions apply to the whole text; new ones invalidate every block. */
  private linksKey = '{}';
  private readonly renderer = new BlockRenderer();

  constructor(private readonly container: HTMLElement) {}

  /**
   * Renders changed blocks in order until `deadline` (a performance.now() time) passes — at least
   * one per call, so it always progresses. Returns true once the container shows all of
   * `markdown`; otherwise call again (next frame) to continue. A burst of text that arrived while
   * the tab was busy is thus spread over several frames instead of one long task. Never throws.
   */
  render(markdown: string, deadline = Infinity): boolean {
    const lexed = lexBlocks(markdown);
    const linksKey = JSON.stringify(lexed.links);
    let same = 0;
    if (linksKey === this.linksKey) {
      while (same < lexed.blocks.length && same < this.blocks.length && this.blocks[same]!.key === lexed.blocks[same]!.key) same++;
    }
    this.linksKey = linksKey;
    for (const stale of this.blocks.splice(same)) for (const node of stale.nodes) node.remove();
    for (let i = same; i < lexed.blocks.length; i++) {
      if (i > same && performance.now() > deadline) return false;
      const block = lexed.blocks[i]!;
      const fragment = this.renderer.render(block, lexed);
      this.blocks.push({ key: block.key, nodes: [...fragment.childNodes] });
      this.container.append(fragment);
    }
    return true;
  }
}

function blockKey(token: Token): string {
  return `${token.type}\u0000${token.raw}`;
}
