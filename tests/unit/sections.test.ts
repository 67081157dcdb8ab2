// The article's sections and the parts a phone skips while they are far off screen
// (src/lib/markdown/sections.mjs): every heading stays outside a skipped part, so a jump to it
// lands where the page says it is.
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { expect, test } from 'vitest';
import { rehypeSections } from '../../src/lib/markdown/sections.mjs';

const sectioned = (html: string) => {
  const tree = fromHtml(html, { fragment: true });
  rehypeSections()(tree);
  return toHtml(tree);
};

test('each h2 is followed by its section; the text before the first h3 and after each h3 is a part, the h3s outside', () => {
  const html = sectioned('<p>导语</p>\n<h2>一</h2>\n<p>a</p>\n<p>b</p>\n<h3>1.1</h3>\n<p>c</p>\n<h3>1.2</h3>\n<h2>二</h2>\n<h3>2.1</h3>\n<p>d</p>');
  expect(html).toBe(
    '<p>导语</p>\n<h2>一</h2><section class="article-section">\n<div class="article-part"><p>a</p>\n<p>b</p>\n</div><h3>1.1</h3>\n<div class="article-part"><p>c</p>\n</div><h3>1.2</h3>\n</section>' +
      '<h2>二</h2><section class="article-section">\n<h3>2.1</h3>\n<div class="article-part"><p>d</p></div></section>',
  );
});

type Node = { type: string; tagName?: string; name?: string; value?: string; properties?: { className?: string[] }; children?: Node[] };
/** The section's content in short: a part as the list of what it holds, an MDX component by name, an element by tag. */
const shape = (nodes: Node[]): unknown[] =>
  nodes
    .filter((node) => node.type !== 'text')
    .map((node) =>
      node.properties?.className?.includes('article-part')
        ? shape(node.children!)
        : node.type === 'mdxJsxFlowElement'
          ? { [node.name!]: shape(node.children!) }
          : node.tagName,
    );
const component = (name: string, children: Node[] = []): Node => ({ type: 'mdxJsxFlowElement', name, children });
/** A paragraph of `links` citation links (numbers, hardly any text): 1 + `links` elements. */
const paragraph = (links: number): Node => ({
  type: 'element',
  tagName: 'p',
  children: Array.from({ length: links }, () => ({ type: 'element', tagName: 'a', children: [] })),
});
/** A paragraph of `characters` characters of plain text: one element. */
const prose = (characters: number): Node => ({ type: 'element', tagName: 'p', children: [{ type: 'text', value: '字'.repeat(characters) }] });
const section = (children: Node[]) => {
  const tree = { type: 'root', children: [{ type: 'element', tagName: 'h2', children: [] }, ...children] };
  rehypeSections()(tree as never);
  return shape(tree.children[1]!.children!);
};

test('a long run between headings is cut into parts that each hold at most about 125 elements', () => {
  // 30 paragraphs of 40 elements each: three to a part.
  expect(section(Array.from({ length: 30 }, () => paragraph(39)))).toEqual(Array.from({ length: 10 }, () => Array(3).fill('p')));
});

test('text weighs in too: a part of long paragraphs holds fewer elements, about 15 characters counting as one', () => {
  // A part of 100 elements and 2,100 characters of Chinese prose took as long to lay out on a
  // phone as one of 220 elements, and went in whole when text counted for little.
  expect(section(Array.from({ length: 12 }, () => prose(750)))).toEqual(Array.from({ length: 6 }, () => Array(2).fill('p')));
});

test('formulas weigh double: a part of paragraphs dense with inline MathML holds half as many elements', () => {
  // A part of some 210 elements, most in 17 inline formulas, took 85 ms of a phone's style and
  // layout as it came into view; parts of as many plain elements took about 50.
  const withFormula = (elements: number): Node => ({
    type: 'element',
    tagName: 'p',
    children: [{ type: 'element', tagName: 'math', children: Array.from({ length: elements - 2 }, () => ({ type: 'element', tagName: 'mi', children: [] })) }],
  });
  // 12 paragraphs of 20 elements each, 19 of them in a formula: three to a part, where plain ones go six to a part.
  expect(section(Array.from({ length: 12 }, () => withFormula(20)))).toEqual(Array.from({ length: 4 }, () => Array(3).fill('p')));
  expect(section(Array.from({ length: 12 }, () => paragraph(19)))).toEqual(Array.from({ length: 2 }, () => Array(6).fill('p')));
});

test('a part is not cut right after a subheading: the h4 goes with the text it heads', () => {
  const h4: Node = { type: 'element', tagName: 'h4', children: [{ type: 'text', value: '5.3.3' }] };
  expect(section([paragraph(99), h4, paragraph(49)])).toEqual([['p'], ['h4', 'p']]);
});

test('a component drawn from data (a formula, a table, a correction card) counts as half a part', () => {
  expect(section([paragraph(1), component('Equation'), component('Equation'), component('Erratum'), paragraph(1)])).toEqual([
    ['p', { Equation: [] }],
    [{ Equation: [] }, { Erratum: [] }],
    ['p'],
  ]);
});

test('a note heavier than a part is not one: its content is cut into parts, so a phone lays it out piece by piece', () => {
  const note = component('EditorsNote', [paragraph(1), component('BenchmarkTables'), component('BuildSizeChart'), component('Erratum')]);
  expect(section([paragraph(1), note, paragraph(1)])).toEqual([
    ['p'],
    { EditorsNote: [['p', { BenchmarkTables: [] }], [{ BuildSizeChart: [] }, { Erratum: [] }]] },
    ['p'],
  ]);
  // A light note stays whole inside its part.
  expect(section([paragraph(1), component('EditorsNote', [paragraph(1)])])).toEqual([['p', { EditorsNote: ['p'] }]]);
});

test('the architecture tables and charts, cut into parts of their own, stand between parts, in a note or not', () => {
  // Inside a part, a table coming into view was laid out with the text around it, or its parts
  // nested in the part's own (src/components/article/ArchitectureTable.astro).
  const note = component('EditorsNote', [paragraph(1), component('ArchitectureTable'), component('ArchitectureDiagram'), paragraph(1)]);
  expect(section([paragraph(1), note])).toEqual([['p'], { EditorsNote: [['p'], { ArchitectureTable: [] }, { ArchitectureDiagram: [] }, ['p']] }]);
  expect(section([paragraph(1), component('ArchitectureTable'), paragraph(1)])).toEqual([['p'], { ArchitectureTable: [] }, ['p']]);
});
