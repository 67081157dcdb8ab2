/**
 * Why attention divides by √d_k. If q and k have independent unit-variance components, q·k is a sum
 * of d_k unit-variance products, so Var(q·k) = d_k. Unscaled, the logits spread out as d_k grows,
 * softmax saturates onto one key (entropy → 0, max weight → 1) and its gradients vanish. Dividing by
 * √d_k brings the variance back to 1, so the distribution's shape no longer depends on d_k.
 *
 * Each d_k draws from its own seeded stream, so a point does not change when others are added.
 */
import { matmul, scale, transpose, type Matrix } from './matrix';
import { deriveSeed, mulberry32, normalMatrix } from './random';
import { softmaxRows } from './softmax';

export const DEFAULT_DK_VALUES: readonly number[] = [4, 8, 16, 32, 64, 128, 256, 512];

export interface ScalingDemoOptions {
  readonly seed: number;
  /** Key widths to compare; default 4, 8, …, 512. */
  readonly dKValues?: readonly number[];
  /** Tokens per sampled sequence: each softmax row has this many entries. Default 8. */
  readonly sequenceLength?: number;
  /** Independent Q, K pairs sampled per d_k. Default 200. */
  readonly trials?: number;
}

export interface ScalingPoint {
  readonly dK: number;
  /** Mean entropy (nats) of a row of softmax(QKᵀ/√d_k). */
  readonly meanEntropyScaled: number;
  /** Mean entropy (nats) of a row of softmax(QKᵀ). */
  readonly meanEntropyUnscaled: number;
  /** Mean of each row's largest weight: 1/n is uniform, 1 is fully saturated. */
  readonly meanMaxWeightScaled: number;
  readonly meanMaxWeightUnscaled: number;
  /** Sample variance of q·k over all sampled pairs: ≈ d_k. */
  readonly dotVariance: number;
  /** Sample variance of q·k/√d_k: ≈ 1. */
  readonly scaledDotVariance: number;
}

export interface ScalingDemoResult {
  readonly sequenceLength: number;
  /** ln(sequenceLength), the entropy of uniform attention: the top of the entropy axis. */
  readonly maxEntropy: number;
  readonly points: ScalingPoint[];
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

/** Shannon entropy in nats, with 0·ln 0 = 0 so saturated rows give exactly 0 instead of NaN. */
function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] as number;
    if (pi > 0) h -= pi * Math.log(pi);
  }
  return h;
}

/** Summed row entropies and summed row maxima of a matrix of probability rows (averaged by the caller). */
function rowStatistics(weights: Matrix): { entropySum: number; maxSum: number } {
  let entropySum = 0;
  let maxSum = 0;
  for (let i = 0; i < weights.rows; i++) {
    const row = weights.data.subarray(i * weights.cols, (i + 1) * weights.cols);
    entropySum += entropy(row);
    maxSum += Math.max(...row);
  }
  return { entropySum, maxSum };
}

/** Accumulates a sample variance without storing the samples. */
class RunningVariance {
  private count = 0;
  private sum = 0;
  private squares = 0;

  addAll(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      this.count++;
      this.sum += v;
      this.squares += v * v;
    }
  }

  /** Unbiased (n − 1) estimate. The sum-of-squares form is safe here because the mean is ≈ 0. */
  variance(): number {
    return (this.squares - (this.sum * this.sum) / this.count) / (this.count - 1);
  }
}

function scalingPoint(seed: number, dK: number, n: number, trials: number): ScalingPoint {
  assertPositiveInteger('each d_k', dK);
  const random = mulberry32(deriveSeed(seed, `scaling demo/d_k ${dK}`));
  let entropyScaled = 0;
  let entropyUnscaled = 0;
  let maxScaled = 0;
  let maxUnscaled = 0;
  const dots = new RunningVariance();
  const scaledDots = new RunningVariance();
  for (let t = 0; t < trials; t++) {
    const scores = matmul(normalMatrix(n, dK, random), transpose(normalMatrix(n, dK, random)));
    const scaled = scale(scores, 1 / Math.sqrt(dK));
    dots.addAll(scores.data);
    scaledDots.addAll(scaled.data);
    const unscaledRows = rowStatistics(softmaxRows(scores));
    const scaledRows = rowStatistics(softmaxRows(scaled));
    entropyUnscaled += unscaledRows.entropySum;
    maxUnscaled += unscaledRows.maxSum;
    entropyScaled += scaledRows.entropySum;
    maxScaled += scaledRows.maxSum;
  }
  const rows = trials * n;
  return {
    dK,
    meanEntropyScaled: entropyScaled / rows,
    meanEntropyUnscaled: entropyUnscaled / rows,
    meanMaxWeightScaled: maxScaled / rows,
    meanMaxWeightUnscaled: maxUnscaled / rows,
    dotVariance: dots.variance(),
    scaledDotVariance: scaledDots.variance(),
  };
}

/**
 * One point per d_k, deterministic for a seed. The defaults do ~13 million multiply-adds (about a
 * quarter of a second), so a view should compute it once rather than on every frame.
 */
export function scalingDemo(options: ScalingDemoOptions): ScalingDemoResult {
  const { seed, dKValues = DEFAULT_DK_VALUES, sequenceLength = 8, trials = 200 } = options;
  assertPositiveInteger('sequenceLength', sequenceLength);
  assertPositiveInteger('trials', trials);
  if (sequenceLength * sequenceLength * trials < 2) {
    throw new RangeError('scalingDemo: a variance needs at least two sampled q·k pairs');
  }
  return {
    sequenceLength,
    maxEntropy: Math.log(sequenceLength),
    points: dKValues.map((dK) => scalingPoint(seed, dK, sequenceLength, trials)),
  };
}
