import { describe, expect, test } from 'vitest';
import {
  add,
  concatColumns,
  createMatrix,
  entry,
  fromRows,
  matmul,
  rowOf,
  scale,
  toRows,
  transpose,
} from '../../src/playground/attention/matrix';

describe('matrix operations', () => {
  test('matmul multiplies rows by columns', () => {
    // [1 2 3]   [ 7  8]   [1·7+2·9+3·11  1·8+2·10+3·12]   [ 58  64]
    // [4 5 6] · [ 9 10] = [4·7+5·9+6·11  4·8+5·10+6·12] = [139 154]
    //           [11 12]
    const a = fromRows([[1, 2, 3], [4, 5, 6]]);
    const b = fromRows([[7, 8], [9, 10], [11, 12]]);
    expect(toRows(matmul(a, b))).toEqual([[58, 64], [139, 154]]);
  });

  test('matmul is not commutative, so argument order matters', () => {
    const a = fromRows([[0, 1], [0, 0]]);
    const b = fromRows([[0, 0], [1, 0]]);
    expect(toRows(matmul(a, b))).toEqual([[1, 0], [0, 0]]);
    expect(toRows(matmul(b, a))).toEqual([[0, 0], [0, 1]]);
  });

  test('transpose swaps rows and columns', () => {
    const t = transpose(fromRows([[1, 2, 3], [4, 5, 6]]));
    expect(t.rows).toBe(3);
    expect(t.cols).toBe(2);
    expect(toRows(t)).toEqual([[1, 4], [2, 5], [3, 6]]);
  });

  test('scale and add work entry-wise and keep −∞ as −∞', () => {
    const m = fromRows([[2, -Infinity], [0, 4]]);
    expect(toRows(scale(m, 0.5))).toEqual([[1, -Infinity], [0, 2]]);
    expect(toRows(add(m, fromRows([[1, 1], [1, 1]])))).toEqual([[3, -Infinity], [1, 5]]);
  });

  test('concatColumns places matrices side by side in order', () => {
    const joined = concatColumns([fromRows([[1], [2]]), fromRows([[3, 4], [5, 6]]), fromRows([[7], [8]])]);
    expect(joined.cols).toBe(4);
    expect(toRows(joined)).toEqual([[1, 3, 4, 7], [2, 5, 6, 8]]);
  });

  test('operations do not modify their inputs', () => {
    const m = fromRows([[1, 2], [3, 4]]);
    scale(m, 10);
    add(m, m);
    transpose(m);
    matmul(m, m);
    expect(toRows(m)).toEqual([[1, 2], [3, 4]]);
  });

  test('entry and rowOf read values', () => {
    const m = fromRows([[1, 2], [3, 4], [5, 6]]);
    expect(entry(m, 2, 1)).toBe(6);
    expect(Array.from(rowOf(m, 1))).toEqual([3, 4]);
  });
});

describe('shape errors', () => {
  test('matmul names both shapes when inner sizes differ', () => {
    expect(() => matmul(createMatrix(2, 3), createMatrix(2, 3))).toThrow(/2×3 by 2×3/);
  });

  test('add rejects different shapes', () => {
    expect(() => add(createMatrix(2, 3), createMatrix(3, 2))).toThrow(/2×3 and 3×2/);
  });

  test('concatColumns rejects different row counts and an empty list', () => {
    expect(() => concatColumns([createMatrix(2, 1), createMatrix(3, 1)])).toThrow(/row counts differ/);
    expect(() => concatColumns([])).toThrow(/at least one/);
  });

  test('fromRows rejects ragged rows; createMatrix rejects a wrong value count or bad sizes', () => {
    expect(() => fromRows([[1, 2], [3]])).toThrow(/row 1 has 1 values/);
    expect(() => createMatrix(2, 2, [1, 2, 3])).toThrow(/needs 4 values, got 3/);
    expect(() => createMatrix(-1, 2)).toThrow(/rows/);
    expect(() => createMatrix(2, 1.5)).toThrow(/cols/);
  });

  test('entry and rowOf reject out-of-range indices', () => {
    const m = createMatrix(2, 2);
    expect(() => entry(m, 2, 0)).toThrow(/outside a 2×2/);
    expect(() => entry(m, 0, -1)).toThrow(/outside a 2×2/);
    expect(() => rowOf(m, 2)).toThrow(/outside a 2×2/);
  });
});
