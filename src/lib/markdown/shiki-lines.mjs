// Shiki transformer: no <span class="line"> around each line of code. Nothing styles or reads those
// wrappers (the newlines between them are what breaks the lines in a <pre>), and they were one
// element in five of the article's code blocks.
/** @type {import('shiki').ShikiTransformer} */
export const shikiWithoutLineSpans = {
  name: 'without-line-spans',
  code(node) {
    node.children = node.children.flatMap((child) => {
      if (child.type !== 'element') return [child];
      const className = child.properties.class ?? child.properties.className;
      const classes = Array.isArray(className) ? className : String(className ?? '').split(' ');
      return classes.includes('line') ? child.children : [child];
    });
  },
};
