/**
 * Typesets the step formulas with KaTeX in the browser. KaTeX (~270 KB) is imported here, inside the
 * island's lazy chunk with its stylesheet and fonts, so readers who never scroll to the figure never
 * download them (the article's own formulas are MathML and need neither).
 */
import 'katex/dist/katex.min.css';
import { element } from '../../ui/dom';

export type TexRenderer = (tex: string) => HTMLElement;

export async function loadTexRenderer(): Promise<TexRenderer> {
  const { default: katex } = await import('katex');
  return (tex) => {
    const node = element('div', 'attn-formula');
    // Safe as HTML: every TeX string comes from the explorer's own templates and numbers, never from
    // the reader's sentence. MathML alongside the HTML is what screen readers read.
    node.innerHTML = katex.renderToString(tex, {
      displayMode: true,
      output: 'htmlAndMathml',
      throwOnError: true,
      strict: 'error',
    });
    return node;
  };
}
