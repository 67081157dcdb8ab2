// Rehype plugin: a display formula wider than the column scrolls sideways (scroll-x: with shadows
// at the edges that say so), and a scroll box must be reachable by keyboard (WCAG 2.1.1), so each
// one gets a tab stop and a name.
import { visit } from 'unist-util-visit';

export function rehypeFocusableFormulas() {
  return (tree) => {
    visit(tree, 'element', (node) => {
      const classes = node.properties?.className;
      if (!Array.isArray(classes) || !classes.includes('formula-display')) return;
      node.properties.className = [...classes, 'scroll-x'];
      node.properties.tabIndex = 0;
      node.properties.role = 'group';
      node.properties.ariaLabel = '公式，可横向滚动';
    });
  };
}
