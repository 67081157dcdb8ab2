// Each page's Content-Security-Policy <meta>, with the hashes of that page's own inline code.
// Astro writes into every page the hashes of every inline script and style of the whole site, and
// it merges a page's adjacent inline stylesheets into one <style> after hashing them separately
// (mergeInlineCss in astro/dist/core/build/runtime.js): such a page carries a <style> whose hash
// its policy lacks, and the browser refuses it. After the build, each page's script-src and
// style-src list exactly the hashes of the inline scripts and styles the page has.
import { createHash } from 'node:crypto';

const hashOf = (code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`;
const isHash = (source) => /^'sha(256|384|512)-/.test(source);

/** The hashes of the page's inline <script>s that run (not data blocks such as JSON-LD) and of its <style>s. */
export function inlineCodeHashes(html) {
  const scripts = [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes = '']) => !/\ssrc=/.test(attributes) && !/\stype="(?!module")[^"]*"/.test(attributes))
    .map(([, , code]) => hashOf(code));
  const styles = [...html.matchAll(/<style(\s[^>]*)?>([\s\S]*?)<\/style>/g)].map(([, , code]) => hashOf(code));
  return { scripts: [...new Set(scripts)], styles: [...new Set(styles)] };
}

/** The page with its policy's script-src and style-src hashes replaced by those of its own inline code. */
export function withOwnHashes(html) {
  const meta = /(<meta http-equiv="content-security-policy" content=")([^"]+)(")/.exec(html);
  if (!meta) return html;
  const own = inlineCodeHashes(html);
  const policy = meta[2]
    .split(';')
    .map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      const hashes = name === 'script-src' ? own.scripts : name === 'style-src' ? own.styles : null;
      return hashes ? [name, ...sources.filter((source) => !isHash(source)), ...hashes].join(' ') : directive.trim();
    })
    .filter(Boolean)
    .join(';');
  return html.slice(0, meta.index) + meta[1] + policy + meta[3] + html.slice(meta.index + meta[0].length);
}
