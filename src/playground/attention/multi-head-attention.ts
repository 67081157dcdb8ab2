/**
 * Multi-head attention: h heads run side by side on the same X, each with its own W^Q, W^K, W^V, so
 * each can attend to a different pattern; their outputs are concatenated and mixed by W^O.
 */
import { attentionSteps, type AttentionOptions, type AttentionSteps } from './attention';
import { concatColumns, matmul, shapeOf, type Matrix } from './matrix';
import type { MultiHeadWeights } from './projections';

export interface MultiHeadSteps {
  /** Each head's full step-by-step computation. */
  readonly heads: readonly AttentionSteps[];
  /** [head₁ | head₂ | … | head_h], n × (h·d_v). */
  readonly concat: Matrix;
  /** concat · W^O, n × d_model. */
  readonly output: Matrix;
}

/** Runs every head on the same X, then mixes them: output = [head₁ | … | head_h]·W^O. */
export function multiHeadAttention(x: Matrix, weights: MultiHeadWeights, options: AttentionOptions): MultiHeadSteps {
  const heads = weights.heads.map((head) => attentionSteps(x, head, options));
  const concat = concatColumns(heads.map((head) => head.output));
  if (concat.cols !== weights.wO.rows) {
    throw new RangeError(`multi-head: concatenated heads are ${shapeOf(concat)} but W^O is ${shapeOf(weights.wO)}`);
  }
  return { heads, concat, output: matmul(concat, weights.wO) };
}
