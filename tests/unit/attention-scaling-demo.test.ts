import { describe, expect, test } from 'vitest';
import { DEFAULT_DK_VALUES, scalingDemo } from '../../src/playground/attention/scaling-demo';

// One run per seed (~0.25 s each) shared by the tests below.
const runs = [1, 2, 3].map((seed) => scalingDemo({ seed }));

describe('why attention scales by 1/√d_k', () => {
  test('covers d_k from 4 to 512 and reports ln n as the maximum entropy', () => {
    const [run] = runs;
    expect(run!.points.map((p) => p.dK)).toEqual([...DEFAULT_DK_VALUES]);
    expect(run!.points[0]!.dK).toBe(4);
    expect(run!.points.at(-1)!.dK).toBe(512);
    expect(run!.maxEntropy).toBeCloseTo(Math.log(8), 15);
  });

  test('Var(q·k) ≈ d_k and Var(q·k/√d_k) ≈ 1 within 10%', () => {
    for (const run of runs) {
      for (const point of run.points) {
        expect(Math.abs(point.dotVariance / point.dK - 1)).toBeLessThan(0.1);
        expect(Math.abs(point.scaledDotVariance - 1)).toBeLessThan(0.1);
      }
    }
  });

  test('unscaled, entropy falls toward 0 and the max weight toward 1 as d_k grows', () => {
    for (const run of runs) {
      const entropies = run.points.map((p) => p.meanEntropyUnscaled);
      entropies.slice(1).forEach((h, i) => expect(h).toBeLessThan(entropies[i]!));
      expect(entropies.at(-1)!).toBeLessThan(0.1 * run.maxEntropy);
      expect(run.points.at(-1)!.meanMaxWeightUnscaled).toBeGreaterThan(0.9);
    }
  });

  test('scaled, entropy stays high and flat and the max weight stays low', () => {
    for (const run of runs) {
      const entropies = run.points.map((p) => p.meanEntropyScaled);
      expect(Math.min(...entropies)).toBeGreaterThan(0.75 * run.maxEntropy);
      expect(Math.max(...entropies) - Math.min(...entropies)).toBeLessThan(0.05 * run.maxEntropy);
      for (const point of run.points) {
        expect(point.meanMaxWeightScaled).toBeLessThan(0.5);
        expect(point.meanEntropyScaled).toBeGreaterThan(point.meanEntropyUnscaled);
      }
    }
  });

  test('is deterministic for a seed and changes with it', () => {
    expect(scalingDemo({ seed: 1, dKValues: [16], trials: 20 })).toEqual(scalingDemo({ seed: 1, dKValues: [16], trials: 20 }));
    expect(scalingDemo({ seed: 1, dKValues: [16], trials: 20 })).not.toEqual(scalingDemo({ seed: 2, dKValues: [16], trials: 20 }));
  });

  test('a point does not depend on which other d_k values are requested', () => {
    const alone = scalingDemo({ seed: 4, dKValues: [32], trials: 10 }).points[0];
    const among = scalingDemo({ seed: 4, dKValues: [8, 32], trials: 10 }).points[1];
    expect(among).toEqual(alone);
  });

  test('invalid options are rejected', () => {
    expect(() => scalingDemo({ seed: 1, dKValues: [0] })).toThrow(/d_k/);
    expect(() => scalingDemo({ seed: 1, sequenceLength: 0 })).toThrow(/sequenceLength/);
    expect(() => scalingDemo({ seed: 1, trials: 1.5 })).toThrow(/trials/);
    expect(() => scalingDemo({ seed: 1, sequenceLength: 1, trials: 1 })).toThrow(/two sampled/);
  });
});
