/**
 * Numerically stable softmax. e^x overflows to Infinity just above x ≈ 709, and Infinity/Infinity is
 * NaN, so the row maximum is subtracted first: softmax(x) = softmax(x − c) for any constant c, and
 * with c = max every exponent is ≤ 0, giving terms in (0, 1] and a sum in [1, n].
 */
import { createMatrix, rowOf, type Matrix } from './matrix';

/**
 * Softmax of one vector. Two limits are handled explicitly instead of producing NaN:
 * - every entry −∞ (a fully masked row): there is no position to attend to, so all weights are 0,
 *   which makes that output row 0 rather than an invented uniform average of forbidden positions;
 * - some entries +∞: they share the weight equally, the limit of softmax as those entries grow.
 */
export function softmax(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, values[i] as number);
  if (max === -Infinity) return out;
  if (max === Infinity) {
    let ties = 0;
    for (let i = 0; i < n; i++) if (values[i] === Infinity) ties++;
    for (let i = 0; i < n; i++) out[i] = values[i] === Infinity ? 1 / ties : 0;
    return out;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp((values[i] as number) - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) / sum;
  return out;
}

/** Softmax applied to each row separately: row i becomes token i's attention distribution. */
export function softmaxRows(m: Matrix): Matrix {
  const out = createMatrix(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) out.data.set(softmax(rowOf(m, i)), i * m.cols);
  return out;
}
