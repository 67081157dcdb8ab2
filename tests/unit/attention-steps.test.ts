import { describe, expect, test } from 'vitest';
import { attentionSteps } from '../../src/playground/attention/attention';
import { causalMask } from '../../src/playground/attention/causal-mask';
import { embedTokens } from '../../src/playground/attention/embeddings';
import { createMatrix, entry, fromRows, rowOf, toRows, type Matrix } from '../../src/playground/attention/matrix';
import { createHeadWeights } from '../../src/playground/attention/projections';
import { tokenize } from '../../src/playground/attention/tokenizer';

function expectMatrixClose(actual: Matrix, expected: number[][], digits: number): void {
  expect([actual.rows, actual.cols]).toEqual([expected.length, expected[0]?.length ?? 0]);
  expected.forEach((row, i) => row.forEach((value, j) => expect(entry(actual, i, j)).toBeCloseTo(value, digits)));
}

const rowSum = (m: Matrix, i: number): number => rowOf(m, i).reduce((s, v) => s + v, 0);

describe('hand-computed cases', () => {
  test('2 tokens, d_model = 2, d_k = 1, no mask', () => {
    // X = [1 2; 3 4], W^Q = [1; 0], W^K = [0; 1], W^V = [1; 1]
    // Q = XW^Q = [1; 3], K = XW^K = [2; 4], V = XW^V = [3; 7]
    // scores = QKᵀ = [1·2 1·4; 3·2 3·4] = [2 4; 6 12]  (KQᵀ would be [2 6; 4 12])
    // d_k = 1, so scaled = scores.
    // row 0: softmax([2, 4]) = [1, e²]/(1 + e²) = [1, 7.389056]/8.389056 = [0.1192029, 0.8807971]
    // row 1: softmax([6, 12]) = [1, e⁶]/(1 + e⁶) = [1, 403.428793]/404.428793 = [0.0024726, 0.9975274]
    // output = weights·V: row 0 = 0.1192029·3 + 0.8807971·7 = 6.5231883
    //                     row 1 = 0.0024726·3 + 0.9975274·7 = 6.9901095
    const steps = attentionSteps(
      fromRows([[1, 2], [3, 4]]),
      { wQ: fromRows([[1], [0]]), wK: fromRows([[0], [1]]), wV: fromRows([[1], [1]]) },
      { causal: false },
    );
    expect(toRows(steps.q)).toEqual([[1], [3]]);
    expect(toRows(steps.k)).toEqual([[2], [4]]);
    expect(toRows(steps.v)).toEqual([[3], [7]]);
    expect(toRows(steps.scores)).toEqual([[2, 4], [6, 12]]);
    expect(toRows(steps.scaled)).toEqual([[2, 4], [6, 12]]);
    expectMatrixClose(steps.weights, [[0.1192029, 0.8807971], [0.0024726, 0.9975274]], 6);
    expectMatrixClose(steps.output, [[6.5231883], [6.9901095]], 6);
  });

  test('3 tokens, d_model = d_k = 4, identity projections, causal and not', () => {
    // W^Q = W^K = W^V = I₄, so Q = K = V = X with rows x0 = [2 0 0 0], x1 = [0 2 0 0], x2 = [2 2 0 0].
    // scores = XXᵀ = [4 0 4; 0 4 4; 4 4 8]; √d_k = 2, so scaled = [2 0 2; 0 2 2; 2 2 4].
    // Causal (future entries −∞):
    //   row 0: [2]       → [1, 0, 0]
    //   row 1: [0, 2]    → [1, e²]/(1 + e²) = [0.1192029, 0.8807971, 0]
    //   row 2: [2, 2, 4] → [1, 1, e²]/(2 + e²) = [1, 1, 7.389056]/9.389056 = [0.1065070, 0.1065070, 0.7869860]
    //   output row 0 = x0 = [2 0 0 0]
    //   output row 1 = 0.1192029·x0 + 0.8807971·x1 = [0.2384058, 1.7615942, 0, 0]
    //   output row 2 = 0.1065070·(x0 + x1) + 0.7869860·x2 = [1.7869860, 1.7869860, 0, 0]
    // Not causal, row 0: [2, 0, 2] → [e², 1, e²]/(2e² + 1) = [0.4683105, 0.0633789, 0.4683105]
    const x = fromRows([[2, 0, 0, 0], [0, 2, 0, 0], [2, 2, 0, 0]]);
    const identity = fromRows([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]);
    const weights = { wQ: identity, wK: identity, wV: identity };

    const causal = attentionSteps(x, weights, { causal: true });
    expect(causal.dK).toBe(4);
    expect(toRows(causal.scores)).toEqual([[4, 0, 4], [0, 4, 4], [4, 4, 8]]);
    expect(toRows(causal.scaled)).toEqual([[2, 0, 2], [0, 2, 2], [2, 2, 4]]);
    expect(toRows(causal.masked)).toEqual([[2, -Infinity, -Infinity], [0, 2, -Infinity], [2, 2, 4]]);
    expectMatrixClose(causal.weights, [[1, 0, 0], [0.1192029, 0.8807971, 0], [0.106507, 0.106507, 0.786986]], 6);
    expectMatrixClose(causal.output, [[2, 0, 0, 0], [0.2384058, 1.7615942, 0, 0], [1.786986, 1.786986, 0, 0]], 6);

    const open = attentionSteps(x, weights, { causal: false });
    expect(toRows(open.masked)).toEqual(toRows(open.scaled));
    expectMatrixClose(open.weights, [[0.4683105, 0.0633789, 0.4683105], [0.0633789, 0.4683105, 0.4683105], [0.106507, 0.106507, 0.786986]], 6);
  });
});

describe('causal mask', () => {
  test('is 0 on and below the diagonal and −∞ above it', () => {
    expect(toRows(causalMask(3))).toEqual([[0, -Infinity, -Infinity], [0, 0, -Infinity], [0, 0, 0]]);
  });

  test('gives exactly 0 weight to every future position, and attention to the past still sums to 1', () => {
    const { tokens } = tokenize('The quick brown fox jumps over the lazy dog .');
    const x = embedTokens(tokens, 8, 7);
    const steps = attentionSteps(x, createHeadWeights({ seed: 7, dModel: 8, dK: 4 }), { causal: true });
    for (let i = 0; i < steps.weights.rows; i++) {
      for (let j = 0; j < steps.weights.cols; j++) {
        if (j > i) expect(entry(steps.weights, i, j)).toBe(0);
        else expect(entry(steps.weights, i, j)).toBeGreaterThan(0);
      }
      expect(Math.abs(rowSum(steps.weights, i) - 1)).toBeLessThanOrEqual(1e-12);
    }
    // The first token can only see itself, so its output is exactly its own value vector.
    expect(Array.from(rowOf(steps.output, 0))).toEqual(Array.from(rowOf(steps.v, 0)));
  });

  test('without the mask, tokens do attend to the future', () => {
    const x = embedTokens(['a', 'b', 'c', 'd'], 8, 3);
    const steps = attentionSteps(x, createHeadWeights({ seed: 3, dModel: 8, dK: 8 }), { causal: false });
    expect(entry(steps.weights, 0, 3)).toBeGreaterThan(0);
  });
});

describe('shapes and invariants', () => {
  test('every weight row sums to 1 within 1e-12 for random sentences and sizes', () => {
    const sentences = ['猫坐在垫子上。', 'Attention is all you need.', 'a', '我 爱 你 , and you ?'];
    for (const [index, sentence] of sentences.entries()) {
      for (const [dModel, dK] of [[4, 2], [16, 8], [64, 64]] as const) {
        for (const causal of [true, false]) {
          const x = embedTokens(tokenize(sentence).tokens, dModel, index);
          const steps = attentionSteps(x, createHeadWeights({ seed: index, dModel, dK }), { causal });
          expect([steps.weights.rows, steps.weights.cols]).toEqual([x.rows, x.rows]);
          expect([steps.output.rows, steps.output.cols]).toEqual([x.rows, dK]);
          for (let i = 0; i < x.rows; i++) expect(Math.abs(rowSum(steps.weights, i) - 1)).toBeLessThanOrEqual(1e-12);
        }
      }
    }
  });

  test('a repeated token gets identical Q, K and V rows', () => {
    const x = embedTokens(['the', 'cat', 'the'], 8, 1);
    const steps = attentionSteps(x, createHeadWeights({ seed: 1, dModel: 8, dK: 4 }), { causal: true });
    for (const m of [steps.q, steps.k, steps.v]) expect(Array.from(rowOf(m, 2))).toEqual(Array.from(rowOf(m, 0)));
  });

  test('mismatched shapes throw clear errors', () => {
    const x = createMatrix(3, 4);
    const good = createMatrix(4, 2);
    expect(() => attentionSteps(x, { wQ: createMatrix(5, 2), wK: good, wV: good }, { causal: true })).toThrow(/3×4 by 5×2/);
    expect(() => attentionSteps(x, { wQ: good, wK: createMatrix(4, 3), wV: good }, { causal: true })).toThrow(/same width d_k/);
    expect(() => attentionSteps(x, { wQ: createMatrix(4, 0), wK: createMatrix(4, 0), wV: good }, { causal: true })).toThrow(/at least 1/);
  });
});
