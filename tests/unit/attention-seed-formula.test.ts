import { describe, expect, test } from 'vitest';
import { embedTokens } from '../../src/playground/attention/embeddings';
import { createMatrix, fromRows } from '../../src/playground/attention/matrix';
import { mulberry32, normalMatrix } from '../../src/playground/attention/random';
import { seedFormula } from '../../src/playground/attention/seed-formula';

describe("the seed article's formula Σ_i e^⟨x_i,x_i⟩ / Σ_j e^⟨x_j,x_j⟩", () => {
  test('hand-computed two-token case', () => {
    // x0 = [1 0], x1 = [0 2]: exponents ⟨x0,x0⟩ = 1, ⟨x1,x1⟩ = 4.
    // terms = [e, e⁴]/(e + e⁴) = [1, e³]/(1 + e³) = [1, 20.085537]/21.085537 = [0.0474259, 0.9525741]
    const result = seedFormula(fromRows([[1, 0], [0, 2]]));
    expect(result.exponents).toEqual([1, 4]);
    expect(result.terms[0]).toBeCloseTo(0.0474259, 7);
    expect(result.terms[1]).toBeCloseTo(0.9525741, 7);
    expect(result.value).toBeCloseTo(1, 15);
  });

  test('equals 1 within 1e-12 for many random inputs of several sizes and norms', () => {
    const random = mulberry32(2024);
    let cases = 0;
    for (const tokens of [1, 2, 3, 12, 50, 200]) {
      for (const dModel of [1, 4, 16, 64]) {
        // std 100 with d = 64 gives ⟨x,x⟩ ≈ 640 000: e^that is Infinity, so a naive quotient is NaN.
        for (const std of [0.01, 1, 10, 100]) {
          for (let trial = 0; trial < 5; trial++) {
            const { value, terms, exponents } = seedFormula(normalMatrix(tokens, dModel, random, std));
            expect(terms).toHaveLength(tokens);
            expect(exponents).toHaveLength(tokens);
            expect(terms.every((t) => Number.isFinite(t) && t >= 0)).toBe(true);
            expect(Math.abs(value - 1)).toBeLessThanOrEqual(1e-12);
            cases++;
          }
        }
      }
    }
    expect(cases).toBe(6 * 4 * 4 * 5);
  });

  test('stays 1 when exponents are far beyond e^x overflow', () => {
    const result = seedFormula(fromRows([[1e3, 0], [0, 1e3], [5e2, 5e2]]));
    expect(result.exponents).toEqual([1e6, 1e6, 5e5]);
    expect(result.terms).toEqual([0.5, 0.5, 0]);
    expect(result.value).toBe(1);
  });

  test('is 1 on the same X the attention figure uses, whatever the sentence', () => {
    for (const tokens of [['猫'], ['猫', '坐', '在', '垫', '子', '上', '。'], ['The', 'cat', 'sat', '.']]) {
      expect(Math.abs(seedFormula(embedTokens(tokens, 16, 42)).value - 1)).toBeLessThanOrEqual(1e-12);
    }
  });

  test('rejects an empty input instead of returning 0/0', () => {
    expect(() => seedFormula(createMatrix(0, 4))).toThrow(/at least one token/);
  });
});
