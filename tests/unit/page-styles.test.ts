// Every page carries its styles inline, so each page keeps only the code colours it uses, and its
// styles in one <style> (one hash in its policy instead of one per component).
import { describe, expect, it } from 'vitest';
import { codeColourCss } from '../../src/lib/markdown/code-colours.mjs';
import { withMergedStyles, withoutUnusedCodeColours, withOwnStyles } from '../../scripts/publish/page-styles.mjs';

const page = (head: string, body: string) => `<html><head>${head}</head><body>${body}</body></html>`;
const stylesOf = (html: string) => [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map(([, css]) => css);

describe('withoutUnusedCodeColours', () => {
  const colours = codeColourCss();
  const classes = [...colours.matchAll(/\.astro-code\.([\w-]+),/g)].map(([, name]) => name!);

  it('keeps the rules of the token classes the page uses and drops the others', () => {
    expect(classes.length).toBeGreaterThan(5);
    const [block, token] = classes;
    const html = page(
      `<style>body{margin:0}${colours}\n.after{color:red}</style>`,
      `<pre class="astro-code ${block}"><code><span class="${token}">def</span> f</code></pre>`,
    );
    const [css] = stylesOf(withoutUnusedCodeColours(html));
    const kept = [...css!.matchAll(/\.astro-code\.([\w-]+),/g)].map(([, name]) => name);
    expect(kept).toEqual([block, token]);
    // Everything else in the stylesheet stays as it was.
    expect(css).toMatch(/^body\{margin:0\}/);
    expect(css).toMatch(/\.after\{color:red\}$/);
  });

  it('drops every code colour from a page without code, and leaves its markup alone', () => {
    const body = '<p class="s1-like">没有代码</p>';
    const html = withoutUnusedCodeColours(page(`<style>${colours}</style>`, body));
    expect(stylesOf(html)).toEqual(['']);
    expect(html).toContain(body);
  });
});

describe('withMergedStyles', () => {
  it('makes adjacent <style>s one, in order, and leaves a <style> with attributes or apart alone', () => {
    const html = page(
      '<meta charset="utf-8"><style>.a{color:red}</style><style>.b{color:blue}</style>\n<style>.c{}</style><title>t</title><style media="print">.p{}</style><style>.d{}</style>',
      '',
    );
    expect(stylesOf(withMergedStyles(html))).toEqual(['.a{color:red}\n.b{color:blue}\n.c{}', '.p{}', '.d{}']);
  });
});

it('withOwnStyles does both', () => {
  const html = page(`<style>${codeColourCss()}</style><style>.x{}</style>`, '<p class="x">文字</p>');
  expect(stylesOf(withOwnStyles(html))).toEqual(['\n.x{}']);
});
