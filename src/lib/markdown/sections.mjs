// Rehype plugin: wraps what follows each h2, up to the next h2, in a <section>, so the browser can
// skip laying out and painting sections far off screen (content-visibility in CSS). The h2 stays
// outside: a jump to a heading inside a skipped box landed a screen or more off at laptop width.
// Module-level MDX nodes (imports, exports) stay at the root, where MDX needs them.
const moduleNode = (node) => node.type === 'mdxjsEsm';

export function rehypeSections() {
  return (tree) => {
    const children = [];
    let section = null;
    for (const node of tree.children) {
      if (moduleNode(node)) children.push(node);
      else if (node.type === 'element' && node.tagName === 'h2') {
        section = { type: 'element', tagName: 'section', properties: { className: ['article-section'] }, children: [] };
        children.push(node, section);
      } else if (section) section.children.push(node);
      else children.push(node);
    }
    tree.children = children;
  };
}
