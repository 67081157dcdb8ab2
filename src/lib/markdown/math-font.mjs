// The math font, cut down to what the site's formulas use. MathML looks right only in a font with
// an OpenType MATH table (stretchy brackets, radicals, script sizes); phones have none (Android
// ships no math font), so the site serves Noto Sans Math (SIL OFL 1.1) from its own origin, subset
// at build time to the characters of every formula in the content: ~270 KB whole, a few KB cut.
// The Vite plugin writes the subset before Vite reads the stylesheet that points at it
// (src/styles/math.css), so it is hashed and served like any other asset.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import subsetFont from 'subset-font';
import { parse } from 'yaml';
import { renderMath } from './mathml.mjs';

export const mathFontFamily = 'Noto Sans Math';
const require = createRequire(import.meta.url);
const fullFont = () => readFileSync(require.resolve('@fontsource/noto-sans-math/files/noto-sans-math-latin-400-normal.woff2'));

/** Every $…$ and $$…$$ in a text (Markdown/MDX outside code, or a data string). */
function dollarMath(text) {
  const prose = text.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$/g)].map((match) => match[1] ?? match[2]);
}

/** The TeX of every formula in the content: the MDX, and the data files' tex fields and $…$. */
export function contentTex(contentDir) {
  const found = [];
  const walk = (value, key) => {
    if (typeof value === 'string') {
      if (key === 'tex' || key === 'originalTex') found.push(value);
      else found.push(...dollarMath(value));
    } else if (Array.isArray(value)) value.forEach((item) => walk(item));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  const visit = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.mdx?$/.test(entry.name)) found.push(...dollarMath(readFileSync(path, 'utf8')));
      else if (/\.ya?ml$/.test(entry.name)) walk(parse(readFileSync(path, 'utf8')));
    }
  };
  visit(contentDir);
  return found;
}

// Browsers draw a one-letter <mi> in its MATHEMATICAL ITALIC form (text-transform: math-auto, the
// mapping of MathML Core). A form missing from the subset is drawn in whatever system font has it.
const italicSymbols = new Map([
  ['\u0131', 0x1d6a4], ['\u0237', 0x1d6a5], ['\u03f4', 0x1d6f3], ['\u2207', 0x1d6fb], ['\u2202', 0x1d715],
  ['\u03f5', 0x1d716], ['\u03d1', 0x1d717], ['\u03f0', 0x1d718], ['\u03d5', 0x1d719], ['\u03f1', 0x1d71a],
  ['\u03d6', 0x1d71b],
]);
const italic = (char) => {
  const code = char.codePointAt(0);
  if (char === 'h') return '\u210e';
  if (code >= 0x41 && code <= 0x5a) return String.fromCodePoint(0x1d434 + code - 0x41);
  if (code >= 0x61 && code <= 0x7a) return String.fromCodePoint(0x1d44e + code - 0x61);
  if (code >= 0x391 && code <= 0x3a9) return String.fromCodePoint(0x1d6e2 + code - 0x391);
  if (code >= 0x3b1 && code <= 0x3c9) return String.fromCodePoint(0x1d6fc + code - 0x3b1);
  const symbol = italicSymbols.get(char);
  return symbol ? String.fromCodePoint(symbol) : '';
};

/** The characters a browser asks the math font for when it lays these formulas out. */
export function mathCharacters(texList) {
  const chars = new Set();
  for (const tex of texList) {
    let html;
    try {
      html = renderMath(tex, { displayMode: true });
    } catch {
      continue; // a $ that was not a formula (the build reports real formula errors itself)
    }
    const text = html
      .replace(/<[^>]+>/g, '')
      .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    for (const char of text) {
      chars.add(char);
      const slanted = italic(char);
      if (slanted) chars.add(slanted);
    }
  }
  // Digits and basic operators, for formulas whose text is only these, and the radical sign, which
  // <msqrt> draws without it being in the text.
  for (const char of '0123456789+-=()[]{}\u2212\u221a') chars.add(char);
  return [...chars].sort().join('');
}

/** Writes the subset font to `outFile` (only when it changed, so the dev server does not loop). */
export async function writeMathFont(contentDir, outFile) {
  const font = await subsetFont(fullFont(), mathCharacters(contentTex(contentDir)), { targetFormat: 'woff2' });
  if (existsSync(outFile) && readFileSync(outFile).equals(font)) return;
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, font);
}

/** Vite plugin: the subset exists before any stylesheet is read, in builds and in the dev server. */
export function mathFont({ contentDir, outFile }) {
  return {
    name: 'math-font',
    async buildStart() {
      await writeMathFont(contentDir, outFile);
    },
  };
}
