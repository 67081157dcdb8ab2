import { describe, expect, test } from 'vitest';
import { formatTicks, niceStep, zeroBasedAxis } from '../../src/lib/charts/scale';

describe('chart scales', () => {
  test('tick steps are 1, 2, 2.5 or 5 times a power of ten, at or above the request', () => {
    expect([0.3, 1, 1.2, 2.2, 4, 7, 23, 2500, 0.012].map(niceStep)).toEqual([0.5, 1, 2, 2.5, 5, 10, 25, 2500, 0.02]);
    expect(() => niceStep(0)).toThrow(RangeError);
  });

  test('an axis starts at zero and ends at the first tick covering the largest value', () => {
    expect(zeroBasedAxis(89.84)).toEqual({ max: 100, ticks: [0, 25, 50, 75, 100] });
    expect(zeroBasedAxis(6852.55)).toEqual({ max: 8000, ticks: [0, 2000, 4000, 6000, 8000] });
    expect(zeroBasedAxis(1.37).ticks[0]).toBe(0);
    expect(zeroBasedAxis(1.37).max).toBeGreaterThanOrEqual(1.37);
  });

  test('a fixed end (percentages) is kept, and an end below the data is refused', () => {
    expect(zeroBasedAxis(66.6, { max: 100 })).toEqual({ max: 100, ticks: [0, 25, 50, 75, 100] });
    expect(() => zeroBasedAxis(120, { max: 100 })).toThrow(RangeError);
    expect(() => zeroBasedAxis(-1)).toThrow(RangeError);
  });

  test('tick labels use the digits the step needs', () => {
    expect(formatTicks([0, 25, 50])).toEqual(['0', '25', '50']);
    expect(formatTicks([0, 0.5, 1])).toEqual(['0.0', '0.5', '1.0']);
    expect(formatTicks([0, 0.25, 0.5])).toEqual(['0.00', '0.25', '0.50']);
    expect(formatTicks([0, 2000, 4000])).toEqual(['0', '2,000', '4,000']);
  });
});
