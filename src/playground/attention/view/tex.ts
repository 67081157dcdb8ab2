/**
 * Typesets the step formulas with KaTeX in the browser, as MathML only, like the article's own
 * formulas (src/lib/markdown/mathml.mjs): the browser lays MathML out natively, in the page's math
 * font (src/styles/math.css, whose subset covers these formulas: tests/unit/attention-formulas.test.ts),
 * so no KaTeX stylesheet or font is loaded. KaTeX (~270 KB) loads here, when the explorer mounts, so
 * readers who never scroll to the figure never download it.
 */
import { drawnLetters } from '../../../lib/markdown/mathml-core.mjs';
import { element } from '../../ui/dom';

export type TexRenderer = (tex: string) => HTMLElement;

/** KaTeX's MathML made right for MathML Core, as mathml.mjs does at build time (what these formulas need of it). */
function tidy(math: Element): void {
  math.querySelector('annotation')?.remove(); // the TeX source: never drawn, never read aloud
  for (const token of math.querySelectorAll('[mathvariant]:not([mathvariant="normal"])')) {
    token.textContent = drawnLetters(token.getAttribute('mathvariant') ?? '', token.textContent ?? '');
    token.removeAttribute('mathvariant');
  }
  // \mathrm{softmax} gives one <mi> per letter: one word, drawn with its kerning and read as a word.
  for (const letter of math.querySelectorAll('mi[mathvariant="normal"]')) {
    const previous = letter.previousElementSibling;
    if (previous?.localName === 'mi' && previous.getAttribute('mathvariant') === 'normal' && [...(letter.textContent ?? '')].length === 1) {
      previous.textContent += letter.textContent ?? '';
      letter.remove();
    }
  }
}

export async function loadTexRenderer(): Promise<TexRenderer> {
  const { default: katex } = await import('katex');
  return (tex) => {
    const parsed = element('template');
    // Safe as HTML: every TeX string comes from the explorer's own templates and numbers, never from
    // the reader's sentence.
    parsed.innerHTML = katex.renderToString(tex, { displayMode: true, output: 'mathml', throwOnError: true, strict: 'error' });
    const math = parsed.content.querySelector('math');
    if (!math) throw new Error(`KaTeX wrote no <math> for ${tex}`);
    tidy(math);
    // The article's display formula (math.css): centred, and one wider than the figure scrolls from its left edge.
    const formula = element('span', 'formula');
    formula.append(math);
    const node = element('div', 'attn-formula formula-display');
    node.append(formula);
    return node;
  };
}
