/**
 * The causal mask M of decoder-only models such as Qwen and Llama 3: M[i][j] = 0 for j ≤ i and −∞
 * for j > i. Adding it before softmax turns e^(score) into e^(−∞) = 0 exactly, so token i gets no
 * weight from later tokens — it cannot look at words that have not been generated yet.
 */
import { createMatrix, type Matrix } from './matrix';

/** The n × n mask for a sequence of n tokens. */
export function causalMask(n: number): Matrix {
  const m = createMatrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) m.data[i * n + j] = -Infinity;
  }
  return m;
}
