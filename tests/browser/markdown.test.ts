/**
 * The answer renderer against hostile model output, in a real browser DOM (DOMPurify needs one).
 * Every payload is inserted into the live document and left there for a moment, so an event
 * handler or a navigation that slipped through would actually run and be caught.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MarkdownView, renderMarkdown } from '../../src/playground/answer/markdown';
import { afterImageErrors } from '../fixtures/dom';

declare global {
  interface Window {
    __pwned?: number;
  }
}

const PAYLOADS = {
  imgOnerror: '<img src=x onerror="window.__pwned = (window.__pwned ?? 0) + 1">',
  script: '<script>window.__pwned = (window.__pwned ?? 0) + 1</script>',
  svgOnload: '<svg onload="window.__pwned = (window.__pwned ?? 0) + 1"><circle r="5"/></svg>',
  iframe: '<iframe src="javascript:parent.__pwned = 1"></iframe>',
  style: '<style>body { display: none }</style>',
  dataLink: '<a href="data:text/html,<script>alert(1)</script>">点我</a>',
  markdownJsLink: '[点我](javascript:alert(1))',
  markdownJsLinkEncoded: '[点我](jav&#x09;ascript:alert(1))',
  markdownDataLink: '[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  markdownVbLink: '[点我](vbscript:msgbox(1))',
  markdownImage: '![tracking](https://evil.example/pixel.png "x")',
  form: '<form action="https://evil.example"><input name="password"><button>登录</button></form>',
  objectEmbed: '<object data="x.swf"></object><embed src="x.swf">',
  mathMl: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  attributeBreakout: '<a href="https://ok.example" onclick="alert(1)" style="position:fixed">链接</a>',
  autolinkJs: '<javascript:alert(1)>',
  htmlEntityTrick: '<a href="&#106;avascript:alert(1)">x</a>',
  nestedQuotes: '[x](https://ok.example" onmouseover="alert(1))',
  base: '<base href="https://evil.example/">',
  meta: '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  link: '<link rel="stylesheet" href="https://evil.example/x.css">',
} as const;

const DANGEROUS_TAGS = ['script', 'style', 'iframe', 'svg', 'math', 'form', 'input', 'button', 'object', 'embed', 'img', 'base', 'meta', 'link'];

let host: HTMLElement;
beforeEach(() => {
  window.__pwned = 0;
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => host.remove());

function render(markdown: string): HTMLElement {
  host.replaceChildren(renderMarkdown(markdown));
  return host;
}

function assertInert(root: HTMLElement): void {
  for (const tag of DANGEROUS_TAGS) expect(root.querySelector(tag), `<${tag}> reached the DOM`).toBeNull();
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      expect(attribute.name, `${attribute.name} on <${element.localName}>`).not.toMatch(/^on/i);
      expect(attribute.name).not.toBe('style');
      expect(attribute.name).not.toBe('src');
    }
  }
  for (const anchor of root.querySelectorAll('a')) {
    const href = anchor.getAttribute('href');
    if (href === null) continue;
    expect(href).toMatch(/^(?:https?|mailto):/i);
    expect(anchor.getAttribute('target')).toBe('_blank');
    expect(anchor.getAttribute('rel')).toBe('noopener noreferrer');
  }
}


describe('renderMarkdown', () => {
  test('renders ordinary Markdown: emphasis, lists, code, tables, safe links', () => {
    const root = render(
      [
        '**加粗** 和 *斜体*，`代码`',
        '',
        '- 第一项',
        '- 第二项',
        '',
        '```js',
        'const x = "<b>";',
        '```',
        '',
        '| 模型 | 参数 |',
        '| --- | --- |',
        '| Qwen2.5 | 0.5B |',
        '',
        '[Qwen](https://qwenlm.github.io/) <mailto:someone@example.com>',
      ].join('\n'),
    );
    expect(root.querySelector('strong')?.textContent).toBe('加粗');
    expect(root.querySelectorAll('li')).toHaveLength(2);
    expect(root.querySelector('pre code')?.textContent).toBe('const x = "<b>";\n');
    expect(root.querySelector('table td')?.textContent).toBe('Qwen2.5');
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://qwenlm.github.io/', 'mailto:someone@example.com']);
    assertInert(root);
  });

  test('raw HTML in an answer is shown as text, not interpreted', () => {
    const root = render('用 <br> 换行，<b>不是</b>加粗');
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toContain('用 <br> 换行，<b>不是</b>加粗');
  });

  test('model headings never outrank the article (h1 → h4)', () => {
    const root = render('# 标题\n\n## 小标题');
    expect(root.querySelector('h1, h2, h3')).toBeNull();
    expect(root.querySelector('h4')?.textContent).toBe('标题');
    expect(root.querySelector('h5')?.textContent).toBe('小标题');
  });

  for (const [name, payload] of Object.entries(PAYLOADS)) {
    test(`hostile payload is inert: ${name}`, async () => {
      const root = render(`前文\n\n${payload}\n\n后文`);
      assertInert(root);
      await afterImageErrors();
      expect(window.__pwned).toBe(0);
    });
  }

  test('all payloads at once, inline and in blocks, stay inert', async () => {
    const all = Object.values(PAYLOADS);
    const root = render([...all, all.join(' '), `> ${all.join(' ')}`, `- ${all.join('\n- ')}`].join('\n\n'));
    assertInert(root);
    await afterImageErrors();
    expect(window.__pwned).toBe(0);
  });

  test('a javascript: link keeps its text but loses its href', () => {
    const root = render(PAYLOADS.markdownJsLink);
    expect(root.textContent).toContain('点我');
    for (const anchor of root.querySelectorAll('a')) expect(anchor.hasAttribute('href')).toBe(false);
  });

  test('an image becomes its alt text and fetches nothing', () => {
    const root = render(PAYLOADS.markdownImage);
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('tracking');
  });

  test('an allowed link keeps href but drops handlers and styles', () => {
    const root = render(PAYLOADS.attributeBreakout);
    // Raw HTML is escaped, so this is text; the same link written as Markdown is a real link.
    expect(root.querySelector('a')).toBeNull();
    const markdown = render('[链接](https://ok.example "标题")');
    const anchor = markdown.querySelector('a')!;
    expect([...anchor.attributes].map((a) => a.name).sort()).toEqual(['href', 'rel', 'target', 'title']);
  });

  test('the page-wide DOMPurify is left untouched (our hook is private)', async () => {
    const { default: DOMPurify } = await import('dompurify');
    const clean = DOMPurify.sanitize('<a href="https://ok.example">x</a>');
    expect(clean).toBe('<a href="https://ok.example">x</a>');
  });

  test('MarkdownView streamed piece by piece shows exactly what a full render shows, at every step', () => {
    const text = [
      '# 标题\n\n一段文字，**加粗**。\n',
      '- 第一项\n- 第二项\n\n- 松散列表的第三项\n\n',
      '1. 一\n2. 二\n\n',
      '| a | b |\n| - | - |\n| 1 | 2 |\n\n',
      '```js\nconst a = "<script>";\n\nconst b = 1;\n```\n\n',
      '    缩进代码\n\n    还是代码\n\n',
      '引用链接 [web-llm][w] 与 <img src=x onerror=alert(1)>\n\n',
      '标题二\n===\n\n',
      '[w]: https://github.com/mlc-ai/web-llm\n',
      '[坏](javascript:alert(1)) 结尾',
    ].join('');
    const streamed = document.createElement('div');
    host.append(streamed);
    const view = new MarkdownView(streamed);
    const once = document.createElement('div');
    for (let end = 1; end <= text.length; end += 3) {
      const prefix = text.slice(0, end);
      view.render(prefix);
      once.replaceChildren(renderMarkdown(prefix));
      expect(streamed.innerHTML, `after ${end} characters`).toBe(once.innerHTML);
    }
    view.render(text);
    once.replaceChildren(renderMarkdown(text));
    expect(streamed.innerHTML).toBe(once.innerHTML);
    expect(streamed.querySelector('a[href="https://github.com/mlc-ai/web-llm"]')).not.toBeNull();
    assertInert(streamed);
  });

  test('MarkdownView leaves unchanged blocks alone', () => {
    const view = new MarkdownView(host);
    view.render('第一段\n\n第二段');
    const first = host.firstElementChild;
    view.render('第一段\n\n第二段，更长了');
    expect(host.firstElementChild).toBe(first);
    expect(host.textContent).toContain('第二段，更长了');
    view.render('');
    expect(host.childNodes).toHaveLength(0);
  });

  test('MarkdownView with a spent time budget renders one block per call and finishes exactly', () => {
    const text = '第一段\n\n- 列表\n\n> 引用\n\n最后一段';
    const view = new MarkdownView(host);
    const calls: boolean[] = [];
    for (let i = 0; i < 10 && calls.at(-1) !== true; i++) calls.push(view.render(text, 0));
    expect(calls.filter((complete) => !complete).length).toBeGreaterThanOrEqual(3);
    expect(calls.at(-1)).toBe(true);
    expect(host.innerHTML).toBe((() => {
      const once = document.createElement('div');
      once.append(renderMarkdown(text));
      return once.innerHTML;
    })());
  });
});

