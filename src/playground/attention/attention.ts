/**
 * Scaled dot-product attention for one head, Attention = softmax(QKᵀ/√d_k + M)·V, returning every
 * intermediate matrix so the figure can step through the computation one operation at a time.
 */
import { causalMask } from './causal-mask';
import { add, matmul, scale, shapeOf, transpose, type Matrix } from './matrix';
import type { HeadWeights } from './projections';
import { softmaxRows } from './softmax';

/** Every stage of one head's computation, in the order it happens. n = number of tokens. */
export interface AttentionSteps {
  /** Token embeddings, n × d_model. */
  readonly x: Matrix;
  /** Queries XW^Q, keys XW^K, values XW^V: n × d_k (values n × d_v). */
  readonly q: Matrix;
  readonly k: Matrix;
  readonly v: Matrix;
  /** The key width; its square root is the divisor in `scaled`. */
  readonly dK: number;
  /** QKᵀ, n × n: entry (i, j) is how well query i matches key j. */
  readonly scores: Matrix;
  /** QKᵀ / √d_k. */
  readonly scaled: Matrix;
  /** scaled + M: −∞ above the diagonal when causal; the same matrix as `scaled` otherwise. */
  readonly masked: Matrix;
  /** Row-wise softmax of `masked`: row i is token i's attention distribution (sums to 1). */
  readonly weights: Matrix;
  /** weights · V, n × d_v: each token's weighted mix of value vectors. */
  readonly output: Matrix;
}

export interface AttentionOptions {
  /** Apply the causal mask (what Qwen and Llama 3 do); false shows bidirectional attention. */
  readonly causal: boolean;
}

/**
 * Runs one head on X (n × d_model). Throws on mismatched shapes; with `causal`, row i of `weights`
 * is exactly 0 beyond column i.
 */
export function attentionSteps(x: Matrix, weights: HeadWeights, options: AttentionOptions): AttentionSteps {
  const { wQ, wK, wV } = weights;
  if (wQ.cols !== wK.cols) {
    throw new RangeError(`attention: W^Q (${shapeOf(wQ)}) and W^K (${shapeOf(wK)}) must have the same width d_k`);
  }
  const dK = wQ.cols;
  if (dK < 1) throw new RangeError('attention: d_k must be at least 1, since scores are divided by √d_k');
  const q = matmul(x, wQ);
  const k = matmul(x, wK);
  const v = matmul(x, wV);
  const scores = matmul(q, transpose(k));
  const scaled = scale(scores, 1 / Math.sqrt(dK));
  const masked = options.causal ? add(scaled, causalMask(x.rows)) : scaled;
  const attentionWeights = softmaxRows(masked);
  const output = matmul(attentionWeights, v);
  return { x, q, k, v, dK, scores, scaled, masked, weights: attentionWeights, output };
}
