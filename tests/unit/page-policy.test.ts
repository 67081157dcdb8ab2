// Each page's policy must allow the inline code the page has, and nothing else: Astro hashes inline
// stylesheets before merging adjacent ones into one <style>, and lists every page's hashes on every page.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withOwnHashes } from '../../scripts/publish/page-policy.mjs';

const hash = (code: string) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`;
const policyOf = (html: string) =>
  Object.fromEntries(
    /content="([^"]+)"/
      .exec(html)![1]!
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources]),
  );

const page = (policy: string, body: string) =>
  `<html><head><meta http-equiv="content-security-policy" content="${policy}">${body}</head><body></body></html>`;

describe('withOwnHashes', () => {
  const styleA = '.a{color:red}';
  const styleB = '.b{color:blue}';
  const theme = 'document.documentElement.dataset.theme="dark"';
  const module = 'import("/_astro/x.js")';
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hash(theme)} ${hash('elsewhere()')}`,
    `style-src 'self' ${hash(styleA)} ${hash(styleB)}`,
    "style-src-attr 'none'",
  ].join(';');
  const html = page(
    policy,
    `<script>${theme}</script><script type="module">${module}</script><script type="module" src="/_astro/y.js"></script>` +
      `<script type="application/ld+json">{"@type":"Article"}</script><style>${styleA}${styleB}</style>`,
  );

  it('lists the merged stylesheet the page has, not the parts Astro hashed', () => {
    expect(policyOf(withOwnHashes(html))['style-src']).toEqual(["'self'", hash(styleA + styleB)]);
  });

  it('lists the page’s running inline scripts only: not another page’s, not a src script, not JSON-LD', () => {
    expect(policyOf(withOwnHashes(html))['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", hash(theme), hash(module)]);
  });

  it('leaves the other directives as they were', () => {
    const after = policyOf(withOwnHashes(html));
    expect(after['default-src']).toEqual(["'self'"]);
    expect(after['style-src-attr']).toEqual(["'none'"]);
  });

  it('leaves a page without a policy untouched', () => {
    const plain = `<html><head><style>${styleA}</style></head></html>`;
    expect(withOwnHashes(plain)).toBe(plain);
  });
});
