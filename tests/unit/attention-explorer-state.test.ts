import { describe, expect, test } from 'vitest';
import {
  compute,
  DEFAULT_SETTINGS,
  goToStep,
  INITIAL_STATE,
  parseSeed,
  stepIds,
  withSettings,
} from '../../src/playground/attention/explorer';
import { formatValue } from '../../src/playground/attention/format';
import { describeStep } from '../../src/playground/attention/steps';

describe('the attention explorer state, without a DOM', () => {
  test('one head walks nine steps; several heads add the concatenation and W^O', () => {
    expect(stepIds(1)).toHaveLength(9);
    expect(stepIds(2).slice(-2)).toEqual(['concat', 'mixed']);
  });

  test('steps stay in range, also when fewer heads shorten the walk', () => {
    const many = withSettings(INITIAL_STATE, { heads: 2 });
    expect(goToStep(many, 99).step).toBe(10);
    expect(goToStep(many, -3).step).toBe(0);
    expect(withSettings(goToStep(many, 10), { heads: 1 }).step).toBe(8);
  });

  test('a seed is a whole number up to 2^32 − 1, anything else is refused', () => {
    expect(parseSeed(' 42 ')).toBe(42);
    expect(parseSeed(String(2 ** 32 - 1))).toBe(2 ** 32 - 1);
    expect(parseSeed(String(2 ** 32))).toBeNull();
    for (const text of ['', '-1', '1.5', '1e3', 'abc']) expect(parseSeed(text), text).toBeNull();
  });

  test('the same settings compute the same numbers; a sentence without tokens computes nothing', () => {
    const first = compute(DEFAULT_SETTINGS)!;
    expect(compute(DEFAULT_SETTINGS)!.output).toEqual(first.output);
    expect(first.tokens.length).toBeGreaterThan(1);
    expect(compute({ ...DEFAULT_SETTINGS, text: '   ' })).toBeNull();
  });

  test('each step describes matrices sized by the tokens and d_k, one per head', () => {
    const settings = { ...DEFAULT_SETTINGS, heads: 2, dK: 2 };
    const computation = compute(settings)!;
    const n = computation.tokens.length;
    const q = describeStep('q', computation, settings);
    expect(q.matrices.map((view) => view.head)).toEqual([1, 2]);
    expect(q.matrices.every((view) => view.matrix.rows === n && view.matrix.cols === 2)).toBe(true);
    const weights = describeStep('weights', computation, settings);
    expect(weights.matrices.every((view) => view.kind === 'probability')).toBe(true);
  });

  test('numbers are written so that masked −∞, exact zeros and tiny negatives read right', () => {
    expect(formatValue(-Infinity)).toBe('−∞');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(-0.001)).toBe('0.00');
    expect(formatValue(-0.5)).toBe('−0.50');
    expect(formatValue(0.12345, 3)).toBe('0.123');
  });
});
