/**
 * Model output built to hurt the renderer rather than the page: text that overflows marked's
 * stack, text that makes its emphasis matching quadratic, and links whose text lies about their
 * destination. Rendering must never throw, must keep the text, and must show the real target.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MarkdownView, renderMarkdown } from '../../src/playground/answer/markdown';
import { MAX_NESTING_DEPTH } from '../../src/playground/answer/markdown-nesting';

let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => host.remove());

describe('hostile structure', () => {
  const DEEP = {
    // marked overflows the stack from about 3,000 levels in a frame callback, 5,000 at the top level.
    quotes: '>'.repeat(10_000),
    spacedQuotes: '> '.repeat(10_000),
    orderedLists: '1. '.repeat(10_000),
    mixed: '> - '.repeat(5_000),
  };
  for (const [name, payload] of Object.entries(DEEP)) {
    test(`10,000 levels of nesting (${name}) render without throwing and keep the text`, () => {
      const text = `开头\n\n${payload}\n\n结尾`;
      expect(() => host.replaceChildren(renderMarkdown(text))).not.toThrow();
      const view = new MarkdownView(host);
      expect(() => view.render(text)).not.toThrow();
      expect(host.textContent).toContain('开头');
      expect(host.textContent).toContain('结尾');
      // The markers past the depth bound are still shown as text.
      expect(host.textContent!.replace(/\s/g, '').length).toBeGreaterThan(1000);
      expect(host.querySelectorAll(Array(MAX_NESTING_DEPTH + 1).fill('blockquote').join(' '))).toHaveLength(0);
      // Nesting up to the bound is still rendered as such.
      expect(host.querySelectorAll('blockquote, ol, ul').length).toBeGreaterThanOrEqual(MAX_NESTING_DEPTH);
    });
  }

  test('streaming the deep quote token by token never throws and ends with all of it', () => {
    const view = new MarkdownView(host);
    let text = '';
    for (let i = 0; i < 250; i++) {
      text += '>'.repeat(40);
      expect(() => view.render(text)).not.toThrow();
    }
    view.render(`${text}\n\n完`);
    expect(host.textContent).toContain('完');
  });

  test('ordinary nesting is untouched', () => {
    host.replaceChildren(renderMarkdown('> 引用\n> > 引用里的引用\n\n- 一\n  - 二\n    - 三'));
    expect(host.querySelector('blockquote blockquote')?.textContent).toContain('引用里的引用');
    expect(host.querySelector('ul ul ul li')?.textContent).toBe('三');
  });

  test('16 KB of `_a_a…` streamed in: every text shows, and it ends as text, whole', () => {
    const view = new MarkdownView(host);
    const full = '_a'.repeat(8192);
    for (let end = 512; end <= full.length; end += 512) {
      view.render(full.slice(0, end));
      expect(host.textContent!.length).toBeGreaterThanOrEqual(end / 2);
    }
    view.render(full);
    expect(host.textContent!.trim()).toBe(full);
  });

  test('a block that arrives already too long for inline Markdown is shown as text', () => {
    const text = `第一段 **加粗**\n\n${'*a'.repeat(6000)}`;
    host.replaceChildren(renderMarkdown(text));
    expect(host.querySelector('strong')?.textContent).toBe('加粗');
    expect(host.textContent).toContain('*a*a*a');
  });
});

describe('links that lie about where they go', () => {
  function link(markdown: string): HTMLAnchorElement {
    host.replaceChildren(renderMarkdown(markdown));
    const anchor = host.querySelector('a');
    expect(anchor).not.toBeNull();
    return anchor!;
  }

  test('address-like text over another host shows the real destination', () => {
    const anchor = link('[https://qwen.ai](https://evil.example/login)');
    expect(anchor.getAttribute('href')).toBe('https://evil.example/login');
    expect(anchor.textContent).toBe('https://evil.example/login');
  });

  test('credentials in front of the host are dropped and the real host is shown', () => {
    const anchor = link('[https://qwen.ai](https://qwen.ai@evil.example/)');
    expect(anchor.getAttribute('href')).toBe('https://evil.example/');
    expect(anchor.textContent).toBe('https://evil.example/');
  });

  test('a bare domain as text over another host', () => {
    const anchor = link('[qwen.ai](https://qwen.ai.evil.example/)');
    expect(anchor.textContent).toBe('https://qwen.ai.evil.example/');
  });

  test('right-to-left override marks in link text are replaced by the destination', () => {
    const anchor = link('[\u202egnp.exe\u202c 下载](https://evil.example/x.exe)');
    expect(anchor.textContent).toBe('https://evil.example/x.exe');
    expect(anchor.textContent).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  test('an override escaped into the address never reaches the shown text', () => {
    const anchor = link('[文档](https://qwen.ai/%E2%80%AEfdp.exe)');
    expect(anchor.textContent).toBe('文档');
    const spoof = link('[https://qwen.ai/\u202efdp.exe](https://qwen.ai/%E2%80%AEfdp.exe)');
    expect(spoof.textContent).not.toMatch(/\u202e/);
  });

  test('honest links keep their text', () => {
    expect(link('[通义千问](https://qwen.ai/blog)').textContent).toBe('通义千问');
    expect(link('[qwen.ai/blog](https://qwen.ai/blog)').textContent).toBe('qwen.ai/blog');
    expect(link('<https://github.com/mlc-ai/web-llm>').textContent).toBe('https://github.com/mlc-ai/web-llm');
    expect(link('[邮件](mailto:a@example.com)').textContent).toBe('邮件');
  });
});
