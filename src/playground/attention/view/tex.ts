/**
 * Typesets the step formulas with KaTeX in the browser. KaTeX (~270 KB) is imported here, inside the
 * island's lazy chunk, so readers who never scroll to the figure never download it; its stylesheet
 * is already on the article page for the build-time formulas.
 */
import { element } from '../../dom';

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
