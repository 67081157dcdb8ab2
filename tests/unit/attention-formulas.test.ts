// The attention explorer draws its step formulas as MathML in the article's math font, whose subset
// is cut at build time from the content's formulas only (src/lib/markdown/math-font.mjs). A
// character of the explorer's that the content lacks would fall back to another font, or to none
// on a phone without a math font: this keeps every formula the explorer can show inside the subset.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { contentTex, mathCharacters } from '../../src/lib/markdown/math-font.mjs';
import { renderMath } from '../../src/lib/markdown/mathml.mjs';
import { compute, DEFAULT_SETTINGS, D_K_CHOICES, HEAD_CHOICES, PRESETS, stepIds } from '../../src/playground/attention/explorer';
import { describeStep } from '../../src/playground/attention/steps';
import { SEED_TEX } from '../../src/playground/attention/view/seed-formula-panel';

/** Every formula the explorer can show: each step, for every d_k, head count, mask and preset. */
function explorerTex(): string[] {
  const tex = new Set([SEED_TEX]);
  for (const text of PRESETS) {
    for (const dK of D_K_CHOICES) {
      for (const heads of HEAD_CHOICES) {
        for (const causal of [true, false]) {
          const settings = { ...DEFAULT_SETTINGS, text, dK, heads, causal };
          const computation = compute(settings);
          if (!computation) throw new Error(`no tokens in ${text}`);
          for (const id of stepIds(heads)) tex.add(describeStep(id, computation, settings).tex);
        }
      }
    }
  }
  return [...tex];
}

describe('the attention explorer’s formulas', () => {
  const formulas = explorerTex();

  test('all typeset as MathML Core (mathCharacters would skip one that fails)', () => {
    expect(formulas.length).toBeGreaterThan(50);
    for (const tex of formulas) expect(() => renderMath(tex, { displayMode: true }), tex).not.toThrow();
  });

  test('use only characters the math font subset holds', () => {
    const subset = new Set(mathCharacters(contentTex(join(import.meta.dirname, '../../src/content'))));
    const missing = [...mathCharacters(formulas)].filter((char) => !subset.has(char));
    expect(missing.map((char) => `${char} U+${char.codePointAt(0)!.toString(16)}`)).toEqual([]);
  });
});
