// Code colours as classes (src/lib/markdown/code-colours.mjs): every block the site highlights is
// coloured without style="" attributes, by a stylesheet made from the themes themselves.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundledThemes, codeToHtml } from 'shiki';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { codeColourCss, codeHighlighting, codeThemes, contrast, readableOn } from '../../src/lib/markdown/code-colours.mjs';

const content = (path: string) => fileURLToPath(new URL(`../../src/content/${path}`, import.meta.url));

/** Every code block the site shows: the article's fences, the errata's original code, the web-llm example. */
function siteCode(): { lang: string; code: string }[] {
  const article = readdirSync(content('article')).flatMap((file) =>
    // A fence in a list is indented, its lines with it.
    [...readFileSync(content(`article/${file}`), 'utf8').matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```/gm)].map(([, indent, lang, code]) => ({
      lang: lang || 'text',
      code: code!.replaceAll(new RegExp(`^${indent}`, 'gm'), '').trimEnd(),
    })),
  );
  const errata = (parse(readFileSync(content('errata.yaml'), 'utf8')) as { originalCode?: { lang: string; code: string } }[]).flatMap((e) => (e.originalCode ? [e.originalCode] : []));
  return [...article, ...errata, { lang: 'ts', code: readFileSync(content('examples/web-llm-chat.ts'), 'utf8').trimEnd() }];
}

/** The stylesheet as class → declarations. */
function rules(): Map<string, string> {
  return new Map([...codeColourCss().matchAll(/\.astro-code \.(\w+)\{([^}]*)\}/g)].map((m) => [m[1]!, m[2]!]));
}

const themeColour = async (variant: 'light' | 'dark', scope: string) => {
  const theme = (await bundledThemes[codeThemes[variant]]()).default;
  return theme.tokenColors!.find((rule) => rule.scope === scope)!.settings.foreground!.toLowerCase();
};

/** The text of highlighted HTML (Shiki escapes with &lt; &quot; &amp; and &#x…;). */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([\da-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');

describe('code colours as classes', () => {
  test('every code block the site shows is coloured by classes the stylesheet defines, with no style attribute and its text intact', async () => {
    const blocks = siteCode();
    expect(new Set(blocks.map((b) => b.lang))).toEqual(new Set(['json', 'sh', 'text', 'python', 'ts']));
    const defined = rules();
    for (const { lang, code } of blocks) {
      const html = await codeToHtml(code, { lang, ...codeHighlighting });
      expect(html, `${lang}: ${code.slice(0, 40)}`).not.toContain('style=');
      for (const [, classes] of html.matchAll(/<span class="([^"]+)"/g)) expect(defined.has(classes!), `${classes} in ${lang}`).toBe(true);
      expect(textOf(html)).toBe(code);
    }
  });

  test('a class gives a token the theme’s own colour in each scheme; the block gets the themes’ text and background', async () => {
    const html = await codeToHtml('import torch', { lang: 'python', ...codeHighlighting });
    const keyword = /<span class="(\w+)">import<\/span>/.exec(html)![1]!;
    expect(rules().get(keyword)).toBe(`color:light-dark(${await themeColour('light', 'keyword')},${await themeColour('dark', 'keyword')})`);
    const block = /<pre class="[^"]*\b(\w+)"/.exec(html)![1]!;
    const [light, dark] = await Promise.all([bundledThemes[codeThemes.light](), bundledThemes[codeThemes.dark]()]);
    const [fg, bg] = ['editor.foreground', 'editor.background'].map((key) => `light-dark(${light.default.colors![key]},${dark.default.colors![key]})`);
    expect(rules().get(block)).toBe(`color:${fg};background-color:${bg}`);
    // The plain name is only text: it inherits the block's colour.
    expect(html).toContain('</span> torch</code>');
  });

  test('every colour in the stylesheet reads at WCAG AA (4.5:1) on its background in both schemes', () => {
    const css = [...rules().values()];
    const [blockBackground] = css.map((rule) => /background-color:light-dark\(([^,]+),([^)]+)\)/.exec(rule)).filter(Boolean);
    expect(css.length).toBeGreaterThan(5);
    for (const rule of css) {
      const [, light, dark] = /(?:^|;)color:light-dark\(([^,]+),([^)]+)\)/.exec(rule)!;
      const [, lightBg, darkBg] = /background-color:light-dark\(([^,]+),([^)]+)\)/.exec(rule) ?? blockBackground!;
      expect(contrast(light!, lightBg!), rule).toBeGreaterThanOrEqual(4.5);
      expect(contrast(dark!, darkBg!), rule).toBeGreaterThanOrEqual(4.5);
    }
  });

  test('a colour that misses AA gets the nearest passing shade towards black or white; one that passes stays', () => {
    // github-light's orange on white and github-dark's comment grey on its background.
    const orange = readableOn('#E36209', '#fff');
    expect(contrast('#E36209', '#fff')).toBeLessThan(4.5);
    expect(contrast(orange, '#fff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(orange, '#fff')).toBeLessThan(4.6);
    const grey = readableOn('#6A737D', '#24292e');
    expect(contrast(grey, '#24292e')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(grey, '#24292e')).toBeLessThan(4.6);
    expect(readableOn('#D73A49', '#fff')).toBe('#d73a49');
  });
});
