// Rehype plugin: gives every h2–h4 in Markdown/MDX a link to itself, so readers can share a
// section. The link has no text (the "#" is drawn by CSS) so heading text stays exactly as written.
import { visit } from 'unist-util-visit';

const levels = new Set(['h2', 'h3', 'h4']);

export function rehypeHeadingAnchors() {
  return (tree) => {
    visit(tree, 'element', (node) => {
      if (!levels.has(node.tagName) || typeof node.properties?.id !== 'string') return;
      node.children.push({
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${node.properties.id}`, ariaLabel: '本节链接' },
        children: [],
      });
    });
  };
}
