import { describe, expect, it } from 'vitest';
import { inlineText } from '../../src/lib/inline-text';

describe('inlineText', () => {
  it('escapes markup in data text', () => {
    expect(inlineText('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('renders code and bold', () => {
    expect(inlineText('用 `pip` 安装 **PyTorch**')).toBe('用 <code>pip</code> 安装 <strong>PyTorch</strong>');
  });

  it('typesets $…$ as MathML at build time', () => {
    const html = inlineText('其中 $e^{<x_i, x_i>}$ 表示');
    expect(html).toContain('<math');
    expect(html).not.toContain('$');
    expect(html.startsWith('其中 ')).toBe(true);
  });
});
