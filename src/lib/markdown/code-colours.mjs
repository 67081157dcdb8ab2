// Code colours as classes. With two themes Shiki writes every token's colours into a style=""
// attribute (style="--shiki-light:#24292E;--shiki-dark:#E1E4E8"), several hundred on the article.
// Here each distinct set of those declarations becomes one short class, and one stylesheet, made
// at build time from the same themes, gives each class its colours for both colour schemes.
//
// Which sets the themes can produce follows from their rules: a token takes its style from the
// rules that match its scopes (a rule without a colour keeps the enclosing scope's). Resolving, in
// both themes, every scope path their rules name gives every set a token can get, as long as the
// two themes' rules name the same scopes (the GitHub themes do). A set outside the table keeps its
// style="" attribute: still coloured, only heavier (tests/unit/code-colours.test.ts highlights
// every code block the site shows and fails on any attribute left).
import { bundledThemes, normalizeTheme } from 'shiki';
import { Theme } from 'shiki/textmate';
import { shikiWithoutLineSpans } from './shiki-lines.mjs';

/**
 * The two themes, named as Shiki names them; `light` and `dark` are also the variables' names.
 * @type {Record<'light' | 'dark', import('shiki').BundledTheme>}
 */
export const codeThemes = { light: 'github-light', dark: 'github-dark' };

const variablePrefix = '--shiki-';
const variants = /** @type {const} */ (['light', 'dark']);
/** Shiki's variable for a property in one theme: --shiki-dark (color), --shiki-dark-bg, --shiki-dark-font-style… */
const variableFor = (variant, property) =>
  `${variablePrefix}${variant}${property === 'color' ? '' : property === 'background-color' ? '-bg' : `-${property}`}`;
/** The property one of those variables stands for, by what follows the theme's name. */
const propertyOf = (suffix) => (suffix === '' ? 'color' : suffix === '-bg' ? 'background-color' : suffix.slice(1));
const isColour = (property) => property === 'color' || property === 'background-color';

/** "a:1; B: 2;" as sorted lowercase declarations "a:1;b:2", the table's key. */
function declarationsKey(declarations) {
  return declarations
    .map(([name, value]) => `${name.trim().toLowerCase()}:${value.trim().toLowerCase()}`)
    .sort()
    .join(';');
}

/** @param {string} style @returns {[string, string][]} */
function parseStyle(style) {
  return style
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      return /** @type {[string, string]} */ ([part.slice(0, colon).trim(), part.slice(colon + 1).trim()]);
    });
}

/** The style of a token whose scopes are `segments`, as vscode-textmate resolves it. */
function resolveScopes(theme, segments) {
  let { fontStyle, foregroundId } = theme.getDefaults();
  let path = null;
  for (const scopeName of segments) {
    path = { parent: path, scopeName };
    const rule = theme.match(path);
    if (rule === null) continue;
    if (rule.fontStyle !== -1) fontStyle = rule.fontStyle;
    if (rule.foregroundId !== 0) foregroundId = rule.foregroundId;
  }
  return { fontStyle, foregroundId };
}

/** Shiki's style object for a token (getTokenStyleObject: Shiki gives tokens no background). */
function tokenStyle(theme, { fontStyle, foregroundId }) {
  /** @type {Record<string, string>} */
  const style = {};
  const colour = theme.getColorMap()[foregroundId];
  if (colour) style.color = colour;
  if (fontStyle > 0) {
    if (fontStyle & 1) style['font-style'] = 'italic';
    if (fontStyle & 2) style['font-weight'] = 'bold';
    const decorations = [fontStyle & 4 ? 'underline' : '', fontStyle & 8 ? 'line-through' : ''].filter(Boolean);
    if (decorations.length) style['text-decoration'] = decorations.join(' ');
  }
  return style;
}

/** Every scope path a theme's rules name ("string variable" → ["string", "variable"]), and its prefixes. */
function scopePaths(settings) {
  const paths = new Map();
  for (const { scope } of settings) {
    const selectors = typeof scope === 'string' ? scope.split(',') : (scope ?? []);
    for (const selector of selectors) {
      const segments = selector.trim().split(/\s+/).filter((s) => s !== '>' && s !== '');
      for (let end = 1; end <= segments.length; end++) paths.set(segments.slice(0, end).join(' '), segments.slice(0, end));
    }
  }
  return [...paths.values()];
}

const loaded = await Promise.all(
  variants.map(async (variant) => {
    const raw = normalizeTheme((await bundledThemes[codeThemes[variant]]()).default);
    return { raw, theme: Theme.createFromRawTheme(raw) };
  }),
);

/**
 * Every set of declarations the themes give a token (and the block's own colours), in the order of
 * the themes' rules, each with its class and its CSS declarations per variant.
 * @type {Map<string, { className: string, declarations: [string, string][] }>}
 */
const table = new Map();

function addToTable(declarations) {
  const key = declarationsKey(declarations);
  if (!table.has(key)) table.set(key, { className: `s${table.size.toString(36)}`, declarations });
}

// The block: the themes' own foreground and background.
addToTable(
  [['color', 'fg'], ['background-color', 'bg']].flatMap(([property, key]) =>
    variants.map((variant, i) => /** @type {[string, string]} */ ([variableFor(variant, property), loaded[i].raw[key]])),
  ),
);
// Tokens, as Shiki's flatTokenVariants writes them with defaultColor: false.
for (const segments of [[], ...loaded.flatMap(({ raw }) => scopePaths(raw.settings))]) {
  const styles = loaded.map(({ theme }) => tokenStyle(theme, resolveScopes(theme, segments)));
  const properties = [...new Set(styles.flatMap((style) => Object.keys(style)))];
  addToTable(
    styles.flatMap((style, i) =>
      properties.map((property) => /** @type {[string, string]} */ ([variableFor(variants[i], property), style[property] || 'inherit'])),
    ),
  );
}

/** The class for a style="" Shiki wrote, and what of it the class does not cover; null if none. */
function classFor(style) {
  const declarations = parseStyle(style);
  const shiki = declarations.filter(([name]) => name.startsWith(variablePrefix));
  const entry = table.get(declarationsKey(shiki));
  if (!entry || !cssFor(entry.declarations)) return null;
  // overflow-x: auto is what every <pre> has already (src/styles/global.css).
  const rest = declarations.filter(([name, value]) => !name.startsWith(variablePrefix) && !(name === 'overflow-x' && value === 'auto'));
  return { className: entry.className, rest: rest.map(([name, value]) => `${name}:${value}`).join(';') };
}

/** WCAG 2.2 relative luminance of "#rgb" or "#rrggbb". */
function luminance(hex) {
  const [r, g, b] = channelsOf(hex).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function channelsOf(hex) {
  const digits = hex.slice(1, hex.length === 4 ? 4 : 7);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
}

/** WCAG 2.2 contrast ratio of two colours. */
export const contrast = (a, b) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};

const toHex = (channels) => `#${channels.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/**
 * WCAG AA for text is 4.5:1. Two token colours of the GitHub themes miss it on their own
 * backgrounds (github-light's orange #E36209 on white, 3.5:1; github-dark's comment grey #6A737D on
 * #24292E, 3.0:1): such a colour gets the nearest shade towards black or white that passes, so both
 * themes stay as they are otherwise and no hand-kept list of colours can go stale.
 */
export function readableOn(colour, background, minimum = 4.5) {
  if (!/^#[\da-f]{3}([\da-f]{3})?$/i.test(colour) || !/^#[\da-f]{3}([\da-f]{3})?$/i.test(background)) return colour;
  if (contrast(colour, background) >= minimum) return colour.toLowerCase();
  const target = contrast('#ffffff', background) > contrast('#000000', background) ? 255 : 0;
  const from = channelsOf(colour);
  // The smallest step towards the target that passes, in 1/256ths.
  for (let step = 1; step <= 256; step++) {
    const shade = toHex(from.map((v) => Math.round(v + ((target - v) * step) / 256)));
    if (contrast(shade, background) >= minimum) return shade;
  }
  return toHex([target, target, target]);
}

/** A class's CSS declarations, or null when they cannot be written without style="" (a value that differs by theme but is no colour). */
function cssFor(declarations) {
  /** @type {Map<string, Record<string, string>>} */
  const byProperty = new Map();
  for (const [name, value] of declarations) {
    const variant = variants.find((v) => name.startsWith(`${variablePrefix}${v}`));
    if (!variant) return null;
    const property = propertyOf(name.slice(`${variablePrefix}${variant}`.length));
    byProperty.set(property, { ...byProperty.get(property), [variant]: value });
  }
  const blockBackground = (variant) => loaded[variants.indexOf(variant)].raw.bg;
  const css = [];
  for (const [property, values] of byProperty) {
    if (variants.some((v) => values[v] === undefined || values[v] === 'inherit')) return null;
    if (isColour(property)) {
      const background = (v) => byProperty.get('background-color')?.[v] ?? blockBackground(v);
      const [light, dark] = variants.map((v) => (property === 'color' ? readableOn(values[v], background(v)) : values[v].toLowerCase()));
      css.push(`${property}:light-dark(${light},${dark})`);
    } else if (new Set(variants.map((v) => values[v])).size === 1) {
      css.push(`${property}:${values.light}`);
    } else {
      return null;
    }
  }
  return css.join(';');
}

/** The stylesheet: one rule per class, for the block (<pre>) and for the tokens in it. */
export function codeColourCss() {
  return [...table.values()]
    .map(({ className, declarations }) => [className, cssFor(declarations)])
    .filter(([, css]) => css)
    .map(([className, css]) => `.astro-code.${className},.astro-code .${className}{${css}}`)
    .join('\n');
}

/** Class names of a hast element as an array. */
function classesOf(node) {
  const value = node.properties.class ?? node.properties.className;
  return Array.isArray(value) ? value.map(String) : String(value ?? '').split(' ').filter(Boolean);
}

/** Moves `node`'s Shiki style into a class, if the stylesheet has one for it. */
function toClass(node) {
  const style = node.properties.style;
  const found = typeof style === 'string' ? classFor(style) : null;
  if (!found) return;
  node.properties.class = [...classesOf(node), found.className].join(' ');
  if (found.rest) node.properties.style = found.rest;
  else delete node.properties.style;
}

/** The class of a token coloured like the block itself. */
const plainTokenClass = table.get(
  declarationsKey(
    variants.map((variant, i) => /** @type {[string, string]} */ ([variableFor(variant, 'color'), loaded[i].raw.fg])),
  ),
)?.className;

/** A token's class ('' for none), or null if the node is anything more than a span with a class. */
function tokenClass(node) {
  if (node?.type !== 'element' || node.tagName !== 'span' || Object.keys(node.properties).some((name) => name !== 'class')) return null;
  return classesOf(node).join(' ');
}

/**
 * In a block's children: a token without colours of its own (plain text, or coloured like the
 * block) is only its text, and neighbouring tokens of one class are one span.
 */
function tidyTokens(children) {
  const tidy = [];
  for (const child of children) {
    const className = tokenClass(child);
    if (className === '' || (className !== null && className === plainTokenClass)) tidy.push(...child.children);
    else if (className !== null && tokenClass(tidy.at(-1)) === className) tidy.at(-1).children.push(...child.children);
    else tidy.push(child);
  }
  return tidy;
}

/** @type {import('shiki').ShikiTransformer} */
export const shikiColourClasses = {
  name: 'colour-classes',
  span(node) {
    toClass(node);
  },
  code(node) {
    node.children = tidyTokens(node.children);
  },
  pre(node) {
    toClass(node);
  },
};

/**
 * Shiki stops tokenizing a line after 500 ms and leaves the rest uncoloured. On a busy machine the
 * first theme's pass (which also compiles the grammar's patterns) can take that long and the second
 * not, so a block came out coloured in dark mode only, as a pair of colours no theme produces.
 * Astro passes no such option on, so this transformer sets it: every line is tokenized in full.
 * @type {import('shiki').ShikiTransformer}
 */
export const shikiWithoutTimeLimit = {
  name: 'without-time-limit',
  preprocess(_code, options) {
    options.tokenizeTimeLimit = 0;
  },
};

/** What Shiki is given wherever the site highlights code (Markdown and Astro's <Code>). */
export const codeHighlighting = {
  themes: codeThemes,
  defaultColor: /** @type {const} */ (false),
  // Lines first: once their wrappers are gone, the tokens of a block are siblings.
  transformers: [shikiWithoutTimeLimit, shikiWithoutLineSpans, shikiColourClasses],
};

/** The stylesheet as a CSS module: `import 'virtual:code-colours.css'`. */
export function codeColoursPlugin() {
  const id = 'virtual:code-colours.css';
  const resolved = `\0${id}`;
  return {
    name: 'code-colours',
    /** @param {string} source */
    resolveId: (source) => (source === id ? resolved : undefined),
    /** @param {string} loadedId */
    load: (loadedId) => (loadedId === resolved ? codeColourCss() : undefined),
  };
}
