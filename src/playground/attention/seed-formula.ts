/**
 * The seed article's "self-attention" formula, evaluated literally so the figure can show what is
 * wrong with it:
 *
 *   Attention(x) = Σ_i e^{⟨x_i, x_i⟩} / Σ_j e^{⟨x_j, x_j⟩}
 *
 * Each term is a softmax weight over the tokens' squared norms, so the sum is 1 for every input: it
 * returns a scalar instead of one vector per token, and has no queries, keys, values or learned
 * weights. The terms are computed as softmax(s) with the maximum subtracted — algebraically the same
 * expression — because ⟨x_i, x_i⟩ above ~709 would overflow e^s to Infinity and turn the literal
 * quotient into NaN, hiding the point that the answer is always 1.
 */
import { rowOf, type Matrix } from './matrix';
import { softmax } from './softmax';

export interface SeedFormulaResult {
  /** s_i = ⟨x_i, x_i⟩, the exponent for token i. */
  readonly exponents: number[];
  /** e^{s_i} / Σ_j e^{s_j}, one per token; these are what the seed sums. */
  readonly terms: number[];
  /** Σ_i terms_i: 1 up to floating-point rounding, whatever X is. */
  readonly value: number;
}

/** Evaluates the seed's formula on X (one row per token). Throws on an empty X. */
export function seedFormula(x: Matrix): SeedFormulaResult {
  if (x.rows === 0) throw new RangeError('seedFormula: needs at least one token (the sum over j would be empty)');
  const exponents = Array.from({ length: x.rows }, (_, i) => rowOf(x, i).reduce((sum, v) => sum + v * v, 0));
  const terms = Array.from(softmax(exponents));
  return { exponents, terms, value: terms.reduce((sum, t) => sum + t, 0) };
}
