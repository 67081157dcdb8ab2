import { describe, expect, test } from 'vitest';
import { fromRows, rowOf, toRows } from '../../src/playground/attention/matrix';
import { mulberry32, normalMatrix } from '../../src/playground/attention/random';
import { softmax, softmaxRows } from '../../src/playground/attention/softmax';

const sum = (values: ArrayLike<number>): number => Array.from(values).reduce((s, v) => s + v, 0);

describe('softmax stability', () => {
  test('huge positive inputs stay finite (a naive e^x overflows to Infinity/Infinity = NaN)', () => {
    // Equal inputs share equally: e^(1e4 − 1e4) = 1 each.
    expect(Array.from(softmax([1e4, 1e4]))).toEqual([0.5, 0.5]);
    // Differences matter, not sizes: softmax([1e4, 1e4 − 1]) = softmax([1, 0]) = [e/(e+1), 1/(e+1)].
    const p = softmax([1e4, 1e4 - 1]);
    expect(p[0]).toBeCloseTo(Math.E / (Math.E + 1), 12);
    expect(p[1]).toBeCloseTo(1 / (Math.E + 1), 12);
  });

  test('huge negative inputs stay finite (a naive e^x underflows to 0/0 = NaN)', () => {
    expect(Array.from(softmax([-1e4, -1e4, -1e4]))).toEqual([1 / 3, 1 / 3, 1 / 3]);
    const p = softmax([-1e4, -1e4 - 2]);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
  });

  test('mixed huge inputs put all weight on the largest without NaN', () => {
    const p = Array.from(softmax([1e4, -1e4, 0, 5e3]));
    expect(p.every(Number.isFinite)).toBe(true);
    // e^(−5000) underflows to exactly 0, so the largest entry takes the whole weight.
    expect(p).toEqual([1, 0, 0, 0]);
  });

  test('a row of only −∞ gives zeros, not NaN', () => {
    expect(Array.from(softmax([-Infinity, -Infinity]))).toEqual([0, 0]);
  });

  test('−∞ entries get exactly zero weight and the rest renormalise', () => {
    expect(Array.from(softmax([0, -Infinity, 0]))).toEqual([0.5, 0, 0.5]);
  });

  test('+∞ entries share the weight (the limit), not NaN', () => {
    expect(Array.from(softmax([Infinity, 3, Infinity]))).toEqual([0.5, 0, 0.5]);
  });
});

describe('softmaxRows', () => {
  test('normalises each row independently', () => {
    // Row [0, ln 3]: [1, 3]/4. Row [ln 2, ln 2]: [1/2, 1/2].
    const w = toRows(softmaxRows(fromRows([[0, Math.log(3)], [Math.log(2), Math.log(2)]])));
    expect(w[0]?.[0]).toBeCloseTo(0.25, 14);
    expect(w[0]?.[1]).toBeCloseTo(0.75, 14);
    expect(w[1]).toEqual([0.5, 0.5]);
  });

  test('every row of random logits at several scales sums to 1 within 1e-12', () => {
    const random = mulberry32(11);
    for (const spread of [0.01, 1, 30, 1e3, 1e5]) {
      for (const cols of [1, 2, 7, 64]) {
        const w = softmaxRows(normalMatrix(20, cols, random, spread));
        for (let i = 0; i < w.rows; i++) {
          const row = rowOf(w, i);
          expect(Array.from(row).every((v) => v >= 0 && v <= 1)).toBe(true);
          expect(Math.abs(sum(row) - 1)).toBeLessThanOrEqual(1e-12);
        }
      }
    }
  });
});
