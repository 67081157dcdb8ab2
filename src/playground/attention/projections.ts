/**
 * Seeded projection matrices W^Q, W^K, W^V (per head) and W^O. Entries are N(0, 1/fan_in): with
 * unit-variance inputs each projected entry then has variance ≈ 1, so Q, K, V and the output stay on
 * the same readable scale as X no matter how wide the model is.
 */
import type { Matrix } from './matrix';
import { deriveSeed, mulberry32, normalMatrix } from './random';

/** The three input projections of one attention head, each dModel × dK. */
export interface HeadWeights {
  readonly wQ: Matrix;
  readonly wK: Matrix;
  readonly wV: Matrix;
}

/** All heads plus W^O, which maps the concatenated head outputs (h·dK wide) back to dModel. */
export interface MultiHeadWeights {
  readonly heads: readonly HeadWeights[];
  readonly wO: Matrix;
}

/** The figure offers 2–4 heads: one head is the single-head view, more would not fit side by side. */
export const MIN_HEADS = 2;
export const MAX_HEADS = 4;

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

function seededProjection(seed: number, label: string, rows: number, cols: number): Matrix {
  return normalMatrix(rows, cols, mulberry32(deriveSeed(seed, label)), 1 / Math.sqrt(rows));
}

/**
 * W^Q, W^K, W^V for head `head` (0-based). Each head has its own named random stream, so head 0 of a
 * multi-head model is the same head the single-head view shows for the same seed and sizes.
 */
export function createHeadWeights(options: { seed: number; dModel: number; dK: number; head?: number }): HeadWeights {
  const { seed, dModel, dK, head = 0 } = options;
  assertPositiveInteger('dModel', dModel);
  assertPositiveInteger('dK', dK);
  if (!Number.isInteger(head) || head < 0) throw new RangeError(`head must be a non-negative integer, got ${head}`);
  return {
    wQ: seededProjection(seed, `W_Q/head ${head}/${dModel}×${dK}`, dModel, dK),
    wK: seededProjection(seed, `W_K/head ${head}/${dModel}×${dK}`, dModel, dK),
    wV: seededProjection(seed, `W_V/head ${head}/${dModel}×${dK}`, dModel, dK),
  };
}

/**
 * Weights for `heads` heads. dK defaults to dModel / heads — the usual choice, which keeps the total
 * cost equal to one full-width head — and then dModel must divide evenly; pass dK to choose freely.
 */
export function createMultiHeadWeights(options: {
  seed: number;
  dModel: number;
  heads: number;
  dK?: number;
}): MultiHeadWeights {
  const { seed, dModel, heads } = options;
  assertPositiveInteger('dModel', dModel);
  if (!Number.isInteger(heads) || heads < MIN_HEADS || heads > MAX_HEADS) {
    throw new RangeError(`heads must be an integer from ${MIN_HEADS} to ${MAX_HEADS}, got ${heads}`);
  }
  if (options.dK === undefined && dModel % heads !== 0) {
    throw new RangeError(`dModel ${dModel} is not divisible by ${heads} heads; pass dK explicitly`);
  }
  const dK = options.dK ?? dModel / heads;
  return {
    heads: Array.from({ length: heads }, (_, head) => createHeadWeights({ seed, dModel, dK, head })),
    wO: seededProjection(seed, `W_O/${heads}×${dK}→${dModel}`, heads * dK, dModel),
  };
}
