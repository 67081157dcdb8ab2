// The article's formulas are MathML only (src/lib/markdown/mathml.mjs), drawn by the browser in a
// subset of Noto Sans Math (math-font.mjs): what MathML Core draws must say what the TeX says.
import { describe, expect, test } from 'vitest';
import { renderMath } from '../../src/lib/markdown/mathml.mjs';
import { mathCharacters } from '../../src/lib/markdown/math-font.mjs';

describe('formulas as MathML', () => {
  test('no HTML rendering: only <math> in a wrapper of our own, and nothing in it that is never drawn', () => {
    const html = renderMath(String.raw`\frac{a}{b}+x`, { displayMode: true });
    expect(html).toBe('<span class="formula-display"><span class="formula"><math display="block"><mfrac><mi>a</mi><mi>b</mi></mfrac><mo>+</mo><mi>x</mi></math></span></span>');
    // Inline: no display wrapper, and no KaTeX class: no KaTeX stylesheet is needed.
    expect(renderMath('x')).toBe('<span class="formula"><math><mi>x</mi></math></span>');
  });

  test('\\mathbb letters become the Unicode double-struck letters browsers draw (MathML Core ignores mathvariant)', () => {
    expect(renderMath(String.raw`x\in\mathbb{R}^{n}, \mathbb{E}[x]`)).toContain('<mi>ℝ</mi>');
    expect(renderMath(String.raw`\mathbb{E}[x]`)).toContain('<mi>𝔼</mi>');
    expect(renderMath(String.raw`\mathbb{R}`)).not.toContain('mathvariant');
  });

  test('a variant browsers would draw wrong fails the build instead of showing the wrong letter', () => {
    expect(() => renderMath(String.raw`\mathbf{W}`)).toThrow(/mathvariant="bold"/);
  });

  test('an upright word is one identifier, not one <mi> per letter', () => {
    const html = renderMath(String.raw`\mathrm{softmax}(x)`);
    expect(html).toContain('<mi mathvariant="normal">softmax</mi>');
    expect(html.match(/<mi/g)).toHaveLength(2);
    expect(html).not.toMatch(/<mrow><mi[^>]*>[^<]*<\/mi><\/mrow>/);
  });

  test('a function name keeps a thin space before a bare argument, none before a bracket', () => {
    expect(renderMath(String.raw`\cos m\theta`)).toContain('<mi>cos</mi><mo rspace="0.1667em">\u2061</mo>');
    expect(renderMath(String.raw`\exp(x)`)).toContain('<mi>exp</mi><mo>\u2061</mo><mo');
  });

  test('a prime is the prime character after its base, not a superscript speck', () => {
    expect(renderMath("y'")).toContain('<mrow><mi>y</mi><mo lspace="0em" rspace="0em">′</mo></mrow>');
    expect(renderMath("x'_{2k}")).toMatch(/^.*<msub><mrow><mi>x<\/mi><mo[^>]*>′<\/mo><\/mrow><mrow><mn>2<\/mn><mi>k<\/mi><\/mrow><\/msub>/);
  });
});

describe('the math font subset', () => {
  test('holds what the browser draws: the characters, their math italic forms and the radical sign', () => {
    const chars = mathCharacters([String.raw`\sqrt{d_k}+\alpha`]);
    for (const char of ['d', '𝑑', 'k', '𝑘', 'α', '𝛼', '+', '√']) expect(chars, char).toContain(char);
    expect(chars).not.toContain('𝑧');
  });

  test('holds the math italic forms of the Greek symbol variants too (ϵ is drawn as 𝜖)', () => {
    const chars = mathCharacters([String.raw`\epsilon + \varphi`]);
    for (const char of ['ϵ', '\u{1d716}', 'φ', '\u{1d711}']) expect(chars, char).toContain(char);
  });
});
