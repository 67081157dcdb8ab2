// Rehype plugin: wraps what follows each h2, up to the next h2, in a <section>, and within it the
// text before the first h3 and after each h3 in <div class="article-part">s, so the browser can
// skip laying out and painting parts far off screen (content-visibility in CSS). Small parts, not
// whole sections: a part coming into view is laid out in one frame, and on a phone a section, or
// a subsection with its formulas, tables and correction cards, took several times the frame's
// budget. So a run is cut into parts of about `partWeight` elements, and a note whose content
// weighs more than that (an editor's note holding tables and a diagram) is not a part itself: its
// content is cut into parts in the same way. A component heavier than a part that cuts itself
// into parts (the architecture tables and charts, see partsOfTheirOwn) stands between parts, not
// in one. The headings stay outside the skipped boxes: a jump to a heading inside one landed a
// screen or more off. Module-level MDX nodes (imports, exports) stay at the root, where MDX needs
// them.
const moduleNode = (node) => node.type === 'mdxjsEsm';
const isHeading = (node, tagName) => node.type === 'element' && node.tagName === tagName;
const isSubheading = (node) => ['h4', 'h5', 'h6'].some((tagName) => isHeading(node, tagName));
const wrapper = (tagName, className) => ({ type: 'element', tagName, properties: { className: [className] }, children: [] });
const blank = (node) => node.type === 'text' && node.value.trim() === '';

/**
 * About how many elements a part holds. A fast fling started as the page loads finds no part laid
 * out ahead, so each is laid out in the frame that brings it near: in Chromium 150 at a phone's 4×
 * slower CPU, about 25 ms plus 0.2 ms an element, so a part of 125 takes about 50. Cut to 125 from
 * 250, that fling's 95th-percentile frame fell from 74 to 58 ms (12 interleaved runs each); 90 did
 * no better. Chromium 156 takes far less (`npm run bench:lighthouse` prints the figures).
 */
const partWeight = 125;

/**
 * How many characters of text take about as long to lay out as an element. Chinese text mixed with
 * Latin words, inline code and citations is costly to shape: on a phone (4× slower CPU), a part of
 * 100 elements and 2,100 characters (§5.3's prose and a correction card) took as long to lay out
 * as one of 220 elements, mostly formulas, and 500 characters. Counted at a character in 80, it
 * weighed about half as much as it cost and went in whole, in a frame near or over its budget.
 */
const charactersPerElement = 15;

/**
 * How many elements each element of a formula (MathML, inline or display) weighs. On a phone (4×
 * slower CPU), a part of about 210 elements, most of them in 17 inline formulas, took 85 ms of style
 * and layout as it came into view, where parts of plain elements took about 50.
 */
const mathCost = 2;

/**
 * About how many elements `node` becomes. A component without content here (a formula, a table, a
 * correction card) renders more than the tree shows: it counts for half a part, so at most two
 * share one. Text counts too, about an element per `charactersPerElement` characters, and a
 * formula's elements `mathCost` each.
 */
function weight(node) {
  if (node.type === 'text') return node.value.length / charactersPerElement;
  if (node.type === 'mdxJsxFlowElement' && node.children.length === 0) return partWeight / 2;
  if (node.type === 'element' && node.tagName === 'math') return mathCost * weightOfTree(node);
  return weightOfTree(node);
}

function weightOfTree(node) {
  return 1 + (node.children ?? []).reduce((sum, child) => sum + weight(child), 0);
}

/**
 * Components drawn from data that render as several parts of their own (each table, each chart an
 * `article-part`): laid out whole, the architecture tables took two to three times a frame's
 * budget on a phone, and the five architecture charts together about as much as one table.
 */
const partsOfTheirOwn = new Set(['ArchitectureTable', 'ArchitectureDiagram']);
const cutsItself = (node) => node.type === 'mdxJsxFlowElement' && partsOfTheirOwn.has(node.name);

/** A component with content (an editor's note) heavier than a part: its content is cut instead. */
const cutInside = (node) => node.type === 'mdxJsxFlowElement' && node.children.length > 0 && weight(node) > partWeight;

/** `children` with the runs between h3s cut into parts of about partWeight elements. */
function parts(children) {
  const result = [];
  let part = null;
  let held = 0;
  for (const node of children) {
    if (isHeading(node, 'h3') || cutsItself(node)) {
      result.push(node);
      part = null;
    } else if (cutInside(node)) {
      node.children = parts(node.children);
      result.push(node);
      part = null;
    } else if (blank(node) && !part) result.push(node);
    else {
      const heavy = weight(node);
      if (!part || (held > 0 && held + heavy > partWeight && !blank(node))) {
        const next = wrapper('div', 'article-part');
        // A subheading the part before would end on goes with the text it heads.
        const last = part ? part.children.findLastIndex((child) => !blank(child)) : -1;
        if (last > 0 && isSubheading(part.children[last])) next.children.push(...part.children.splice(last));
        part = next;
        result.push(part);
        held = next.children.reduce((sum, child) => sum + weight(child), 0);
      }
      part.children.push(node);
      held += heavy;
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
