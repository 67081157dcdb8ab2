/**
 * Typesets the step formulas with KaTeX in the browser. KaTeX (~270 KB), its stylesheet and its
 * fonts load here, when the explorer mounts, so readers who never scroll to the figure never
 * download them (the article's own formulas are MathML and need neither). The stylesheet is linked
 * by URL, not imported (see ui/stylesheet.ts): 24 KB of KaTeX CSS in the page's head held up the
 * article's first paint.
 */
import katexStylesheet from 'katex/dist/katex.min.css?url';
import { element } from '../../ui/dom';
import { linkStylesheet } from '../../ui/stylesheet';

export type TexRenderer = (tex: string) => HTMLElement;

export async function loadTexRenderer(): Promise<TexRenderer> {
  const [{ default: katex }] = await Promise.all([import('katex'), linkStylesheet(katexStylesheet)]);
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
