// What KaTeX's MathML needs to look right in MathML Core, the part of MathML browsers draw. Shared by
// the build (mathml.mjs, for the article's formulas) and the browser (the attention explorer's
// formulas, playground/attention/view/tex.ts), so it imports nothing.

const doubleStruckHoles = { C: 0x2102, H: 0x210d, N: 0x2115, P: 0x2119, Q: 0x211a, R: 0x211d, Z: 0x2124 };

/** A character in MATHEMATICAL DOUBLE-STRUCK, as \mathbb means it. */
function doubleStruck(char) {
  if (char in doubleStruckHoles) return String.fromCodePoint(doubleStruckHoles[char]);
  if (/[A-Z]/.test(char)) return String.fromCodePoint(0x1d538 + char.charCodeAt(0) - 65);
  if (/[a-z]/.test(char)) return String.fromCodePoint(0x1d552 + char.charCodeAt(0) - 97);
  if (/[0-9]/.test(char)) return String.fromCodePoint(0x1d7d8 + char.charCodeAt(0) - 48);
  throw new Error(`\\mathbb has no Unicode letter for "${char}"`);
}

/**
 * The text of a token KaTeX gave a mathvariant other than "normal", as MathML Core must get it
 * (without the attribute, which it ignores): \mathbb's letters become the Unicode double-struck
 * letters (ℝ, 𝔼). Any other variant throws rather than show the wrong letter.
 * @param {string} variant
 * @param {string} text
 */
export function drawnLetters(variant, text) {
  if (variant === 'double-struck') return [...text].map(doubleStruck).join('');
  throw new Error(`mathvariant="${variant}" is not drawn by browsers (MathML Core); write the formula without it`);
}
