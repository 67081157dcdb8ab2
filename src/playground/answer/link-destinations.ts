/**
 * A model can write a link whose text is an address and whose target is another one —
 * `[https://qwen.ai](https://qwen.ai@evil.example/)` shows "https://qwen.ai" and opens
 * evil.example — or hide the real order of characters behind right-to-left override marks. A
 * reader trusts link text that looks like an address, so such a link shows where it really goes.
 * Runs on sanitized links (href already http(s) or mailto).
 */

/** Bidirectional formatting characters: they reorder what is shown without changing the text. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** "https://…", "www.…" or a bare domain such as "qwen.ai/blog". */
const LOOKS_LIKE_ADDRESS = /^(?:[a-z][a-z\d+.-]*:\/\/|www\.|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?:[/:?#]|$))/iu;

function parse(address: string): URL | null {
  try {
    return new URL(/^[a-z][a-z\d+.-]*:/i.test(address) ? address : `https://${address}`);
  } catch {
    return null;
  }
}

/** The address as the reader should see it: no user name or password in front of the host. */
function withoutCredentials(url: URL): URL {
  const clean = new URL(url.href);
  clean.username = '';
  clean.password = '';
  return clean;
}

/** Percent-escapes decoded for reading (the host stays in its punycode form), minus bidi marks. */
function readable(url: URL): string {
  let text = url.href;
  try {
    text = decodeURI(text);
  } catch {
    // Malformed escapes: show them as they are.
  }
  return text.replace(BIDI_CONTROLS, '');
}

function isMisleading(text: string, target: URL): boolean {
  if (text !== text.replace(BIDI_CONTROLS, '')) return true;
  const shown = text.trim();
  if (!LOOKS_LIKE_ADDRESS.test(shown)) return false;
  const claimed = parse(shown);
  return claimed === null || claimed.username !== '' || claimed.password !== '' || claimed.host !== target.host;
}

/** Rewrites links in `root` whose text misstates their destination; credentials leave every href. */
export function revealLinkDestinations(root: ParentNode): void {
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const target = parse(link.getAttribute('href') ?? '');
    if (target === null || target.protocol === 'mailto:') continue;
    const clean = withoutCredentials(target);
    if (clean.href !== target.href) link.setAttribute('href', clean.href);
    if (target.username === '' && target.password === '' && !isMisleading(link.textContent ?? '', target)) continue;
    link.textContent = readable(clean);
    link.title = '链接文字与实际地址不一致，这里显示的是实际地址';
  }
}
