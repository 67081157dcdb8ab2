/**
 * Typesets the step formulas with KaTeX in the browser. KaTeX (~270 KB), its stylesheet and its
 * fonts load here, when the explorer mounts, so readers who never scroll to the figure never
 * download them (the article's own formulas are MathML and need neither). The stylesheet is linked
 * by URL, not imported: Astro puts CSS imported anywhere in a page's scripts, even in a lazy chunk,
 * into the page's head, where 24 KB of KaTeX CSS held up the article's first paint.
 */
import katexStylesheet from 'katex/dist/katex.min.css?url';
import { element } from '../../ui/dom';

/** Adds the stylesheet to the page once; resolves when it has loaded. */
function linkStylesheet(href: string): Promise<void> {
  const existing = document.querySelector<HTMLLinkElement>(`link[rel="stylesheet"][href="${href}"]`);
  if (existing?.sheet) return Promise.resolve();
  const link = existing ?? Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
  const loaded = new Promise<void>((resolve, reject) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => reject(new Error(`Could not load ${href}`)), { once: true });
  });
  if (!existing) document.head.append(link);
  return loaded;
}

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
