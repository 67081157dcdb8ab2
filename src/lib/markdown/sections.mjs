// Rehype plugin: wraps what follows each h2, up to the next h2, in a <section>, and within it the
// text before the first h3 and after each h3 in a <div class="article-part">, so the browser can
// skip laying out and painting parts far off screen (content-visibility in CSS). Parts, not whole
// sections: a section coming into view was laid out in one frame, far over a phone's frame budget.
// The headings stay outside the skipped boxes: a jump to a heading inside one landed a screen or
// more off. Module-level MDX nodes (imports, exports) stay at the root, where MDX needs them.
const moduleNode = (node) => node.type === 'mdxjsEsm';
const isHeading = (node, tagName) => node.type === 'element' && node.tagName === tagName;
const wrapper = (tagName, className) => ({ type: 'element', tagName, properties: { className: [className] }, children: [] });

/** The section's children with the runs between its h3s wrapped in parts. */
function parts(children) {
  const result = [];
  let part = null;
  for (const node of children) {
    if (isHeading(node, 'h3')) {
      result.push(node);
      part = null;
    } else if (part) part.children.push(node);
    else if (node.type === 'text' && node.value.trim() === '') result.push(node);
    else {
      part = wrapper('div', 'article-part');
      part.children.push(node);
      result.push(part);
    }
  }
  return result;
}

export function rehypeSections() {
  return (tree) => {
    const children = [];
    const sections = [];
    let section = null;
    for (const node of tree.children) {
      if (moduleNode(node)) children.push(node);
      else if (isHeading(node, 'h2')) {
        section = wrapper('section', 'article-section');
        sections.push(section);
        children.push(node, section);
      } else if (section) section.children.push(node);
      else children.push(node);
    }
    for (const each of sections) each.children = parts(each.children);
    tree.children = children;
  };
}
