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
