// The article's formulas are MathML only (src/lib/markdown/mathml.mjs), drawn by the browser in a
// subset of Noto Sans Math (math-font.mjs): what MathML Core draws must say what the TeX says.
import { describe, expect, test } from 'vitest';
import { renderMath } from '../../src/lib/markdown/mathml.mjs';
import { mathCharacters } from '../../src/lib/markdown/math-font.mjs';

const presentation = (tex: string) => renderMath(tex).replace(/<annotation[\s\S]*<\/annotation>/, '');

describe('formulas as MathML', () => {
  test('no HTML rendering: only <math> in a wrapper of our own, with the TeX kept in its annotation', () => {
    const html = renderMath(String.raw`\frac{a}{b}`, { displayMode: true });
    expect(html).toMatch(/^<span class="formula-display"><span class="formula"><math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML" display="block">/);
    expect(html).not.toContain('katex');
    // Inline: no display wrapper. KaTeX's own class is gone, so KaTeX's stylesheet (which the
    // attention explorer brings) cannot restyle the article's formulas.
    expect(renderMath('x')).toMatch(/^<span class="formula"><math xmlns="[^"]+"><semantics>/);
    expect(html).toContain('<annotation encoding="application/x-tex">\\frac{a}{b}</annotation>');
  });

  test('\\mathbb letters become the Unicode double-struck letters browsers draw (MathML Core ignores mathvariant)', () => {
    expect(presentation(String.raw`x\in\mathbb{R}^{n}, \mathbb{E}[x]`)).toContain('<mi>ℝ</mi>');
    expect(presentation(String.raw`\mathbb{E}[x]`)).toContain('<mi>𝔼</mi>');
    expect(presentation(String.raw`\mathbb{R}`)).not.toContain('mathvariant');
  });

  test('a variant browsers would draw wrong fails the build instead of showing the wrong letter', () => {
    expect(() => renderMath(String.raw`\mathbf{W}`)).toThrow(/mathvariant="bold"/);
  });

  test('an upright word is one identifier, not one <mi> per letter', () => {
    const html = presentation(String.raw`\mathrm{softmax}(x)`);
    expect(html).toContain('<mi mathvariant="normal">softmax</mi>');
    expect(html.match(/<mi/g)).toHaveLength(2);
    expect(html).not.toMatch(/<mrow><mi[^>]*>[^<]*<\/mi><\/mrow>/);
  });

  test('a function name keeps a thin space before a bare argument, none before a bracket', () => {
    expect(presentation(String.raw`\cos m\theta`)).toContain('<mi>cos</mi><mo rspace="0.1667em">\u2061</mo>');
    expect(presentation(String.raw`\exp(x)`)).toContain('<mi>exp</mi><mo>\u2061</mo><mo');
  });

  test('a prime is the prime character after its base, not a superscript speck', () => {
    expect(presentation("y'")).toContain('<mrow><mi>y</mi><mo lspace="0em" rspace="0em">′</mo></mrow>');
    expect(presentation("x'_{2k}")).toMatch(/^.*<msub><mrow><mi>x<\/mi><mo[^>]*>′<\/mo><\/mrow><mrow><mn>2<\/mn><mi>k<\/mi><\/mrow><\/msub>/);
  });
});

describe('the math font subset', () => {
  test('holds what the browser draws: the characters, their math italic forms and the radical sign', () => {
    const chars = mathCharacters([String.raw`\sqrt{d_k}+\alpha`]);
    for (const char of ['d', '𝑑', 'k', '𝑘', 'α', '𝛼', '+', '√']) expect(chars, char).toContain(char);
    expect(chars).not.toContain('𝑧');
  });
});
