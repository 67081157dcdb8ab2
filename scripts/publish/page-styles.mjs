// Each page's inline styles, cut to what the page uses and kept in one <style>. Every page carries
// its styles in its <head> (astro.config.mjs: inlineStylesheets), so bytes there are bytes of every
// page: the code colours' stylesheet has a rule for every token colour the site's code can take,
// most of them absent from any one page, and Astro leaves a page's styles in several <style>s, each
// with a hash in the page's policy. Run before the policy's hashes are written (page-policy.mjs).

// A code colour rule as src/lib/markdown/code-colours.mjs writes it: `.astro-code.s5,.astro-code .s5{…}`.
const codeColourRule = /\.astro-code\.([\w-]+),\.astro-code \.\1\{[^{}]*\}\n?/g;

/** The class names used anywhere in the page's markup. */
function classesIn(html) {
  const classes = new Set();
  for (const [, value] of html.matchAll(/\sclass="([^"]*)"/g)) for (const name of value.split(/\s+/)) classes.add(name);
  return classes;
}

/** The page without the code colour rules of classes it never uses. */
export function withoutUnusedCodeColours(html) {
  const used = classesIn(html);
  return html.replace(/(<style[^>]*>)([\s\S]*?)(<\/style>)/g, (_, open, css, close) =>
    open + css.replace(codeColourRule, (rule, className) => (used.has(className) ? rule : '')) + close,
  );
}

/** The page with each run of adjacent plain <style> elements made one, in the same order. */
export function withMergedStyles(html) {
  return html.replace(/<style>([\s\S]*?)<\/style>(?:\s*<style>[\s\S]*?<\/style>)+/g, (run) =>
    `<style>${[...run.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(([, css]) => css).join('\n')}</style>`,
  );
}

/** The page's inline styles: only the code colours it uses, in one <style> per run. */
export function withOwnStyles(html) {
  return withMergedStyles(withoutUnusedCodeColours(html));
}
