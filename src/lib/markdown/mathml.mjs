// Formulas as MathML only, which every current browser lays out natively (Chromium 109+, Firefox,
// Safari) and reads aloud as maths: KaTeX's HTML rendering drew the same formulas with ~6,600
// <span>s on the article, three in four of its elements. The MathML is tidied for MathML Core, the
// part browsers implement, and made smaller:
// - mathvariant="double-struck" (\mathbb) becomes the Unicode letters (𝔼, ℝ): MathML Core only
//   knows mathvariant="normal"; any other variant fails the build rather than showing the wrong letter
//   (mathml-core.mjs, which the attention explorer uses for its formulas in the browser too);
// - runs of upright single letters (\mathrm{softmax} gives one <mi> per letter) become one <mi>,
//   which a screen reader also reads as a word;
// - an <mrow> around a single token is dropped (an <mo> keeps its row: its spacing depends on it);
// - a function name (\cos, \exp) keeps TeX's thin space before an argument without brackets ("cos mθ",
//   not "cosmθ"): MathML Core gives the invisible function application operator no space;
// - a prime written as a superscript (x') becomes the prime character after its base: at script
//   size the prime glyph is a speck, and a prime is drawn raised already.
// - KaTeX's <semantics> wrapper, the TeX <annotation> in it (never drawn, never read aloud), the
//   <mrow> around the whole formula (<math> is a row itself) and the xmlns attribute (the HTML
//   parser puts <math> in the MathML namespace) are dropped: three elements fewer per formula.
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import katex from 'katex';
import { SKIP, visit } from 'unist-util-visit';
import { drawnLetters } from './mathml-core.mjs';

const tokens = new Set(['mi', 'mn', 'mtext', 'ms', 'mspace']);
const isElement = (node, tag) => node?.type === 'element' && (tag === undefined || node.tagName === tag);
const textOf = (node) => (node.children.length === 1 && node.children[0].type === 'text' ? node.children[0].value : null);
const isPrime = (node) => isElement(node, 'mo') && /^[\u2032-\u2034]$/.test(textOf(node) ?? '');
const uprightLetter = (node) => isElement(node, 'mi') && node.properties.mathvariant === 'normal' && [...(textOf(node) ?? '')].length === 1;

/** Drops every <mrow> whose one child is a token other than <mo>, innermost first. */
function unwrapTokenRows(node) {
  if (!node.children) return;
  for (const child of node.children) unwrapTokenRows(child);
  node.children = node.children.map((child) =>
    isElement(child, 'mrow') && child.children.length === 1 && tokens.has(child.children[0].tagName) ? child.children[0] : child,
  );
}

/** Rewrites one formula's MathML (a hast subtree) in place, as described above. */
export function tidyMathml(tree) {
  visit(tree, 'element', (node) => {
    const variant = node.properties.mathvariant;
    if (variant === undefined || variant === 'normal') return;
    for (const child of node.children) if (child.type === 'text') child.value = drawnLetters(variant, child.value);
    delete node.properties.mathvariant;
  });
  visit(tree, 'element', (node) => {
    if (node.tagName === 'annotation') return 'skip';
    const children = [];
    for (const child of node.children) {
      const previous = children.at(-1);
      if (uprightLetter(child) && isElement(previous, 'mi') && previous.properties.mathvariant === 'normal' && textOf(previous) !== null) {
        previous.children[0].value += textOf(child);
      } else children.push(child);
    }
    node.children = children;
    return undefined;
  });
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName === 'mo' && textOf(node) === '\u2061' && parent && !isElement(parent.children[index + 1], 'mo')) {
      node.properties.rspace = '0.1667em';
    }
    if ((node.tagName === 'msup' || node.tagName === 'msubsup') && isPrime(node.children.at(-1))) {
      const [base, ...scripts] = node.children.filter((child) => child.type === 'element');
      const prime = scripts.pop();
      delete prime.properties.mathvariant;
      const primed = { type: 'element', tagName: 'mrow', properties: {}, children: [base, prime] };
      if (node.tagName === 'msup') Object.assign(node, primed);
      else node.children = [primed, scripts[0]], (node.tagName = 'msub');
    }
    return undefined;
  });
  unwrapTokenRows(tree);
  return tree;
}

/** <math><semantics><mrow>…</mrow><annotation/></semantics></math> becomes <math>…</math>. */
function unwrapSemantics(math) {
  delete math.properties.xmlns;
  const semantics = math.children.find((child) => isElement(child, 'semantics'));
  if (!semantics) return;
  const shown = semantics.children.filter((child) => !isElement(child, 'annotation'));
  math.children = shown.length === 1 && isElement(shown[0], 'mrow') && Object.keys(shown[0].properties).length === 0 ? shown[0].children : shown;
}

/**
 * Every formula KaTeX wrote into `tree` (its <span class="katex"><math>…), tidied and renamed:
 * <span class="formula">, inside <span class="formula-display"> when it is a display formula.
 */
export function tidyFormulas(tree) {
  visit(tree, 'element', (node, index, parent) => {
    const math = node.children?.[0];
    if (!node.properties.className?.includes('katex') || !isElement(math, 'math')) return undefined;
    tidyMathml(math);
    unwrapSemantics(math);
    node.properties.className = ['formula'];
    if (math.properties.display === 'block' && parent && index !== undefined) {
      parent.children[index] = { type: 'element', tagName: 'span', properties: { className: ['formula-display'] }, children: [node] };
    }
    return [SKIP, (index ?? 0) + 1];
  });
  return tree;
}

/** A formula as MathML, tidied (see tidyFormulas), as HTML. */
export function renderMath(tex, { displayMode = false } = {}) {
  const html = katex.renderToString(tex, { displayMode, output: 'mathml', throwOnError: true, strict: 'error' });
  return toHtml(tidyFormulas(fromHtml(html, { fragment: true })));
}

/** Rehype plugin, after rehype-katex (output: 'mathml'): the same for formulas in Markdown. */
export function rehypeTidyMathml() {
  return (tree) => {
    tidyFormulas(tree);
  };
}
