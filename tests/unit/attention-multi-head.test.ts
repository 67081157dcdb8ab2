import { describe, expect, test } from 'vitest';
import { attentionSteps } from '../../src/playground/attention/attention';
import { embedTokens } from '../../src/playground/attention/embeddings';
import { concatColumns, createMatrix, matmul, toRows } from '../../src/playground/attention/matrix';
import { multiHeadAttention } from '../../src/playground/attention/multi-head-attention';
import { createHeadWeights, createMultiHeadWeights } from '../../src/playground/attention/projections';

const tokens = ['猫', '坐', '在', '垫', '子', '上', '。'];
const shape = (m: { rows: number; cols: number }): [number, number] => [m.rows, m.cols];

describe('multi-head attention', () => {
  test.each([2, 3, 4])('h = %i: per-head, concat and output shapes with d_k = d_model / h', (heads) => {
    const dModel = 12;
    const x = embedTokens(tokens, dModel, 5);
    const weights = createMultiHeadWeights({ seed: 5, dModel, heads });
    expect(weights.heads).toHaveLength(heads);
    expect(shape(weights.wO)).toEqual([dModel, dModel]);

    const result = multiHeadAttention(x, weights, { causal: true });
    expect(result.heads).toHaveLength(heads);
    for (const head of result.heads) {
      expect(head.dK).toBe(dModel / heads);
      expect(shape(head.q)).toEqual([tokens.length, dModel / heads]);
      expect(shape(head.weights)).toEqual([tokens.length, tokens.length]);
      expect(shape(head.output)).toEqual([tokens.length, dModel / heads]);
    }
    expect(shape(result.concat)).toEqual([tokens.length, dModel]);
    expect(shape(result.output)).toEqual([tokens.length, dModel]);
  });

  test('an explicit d_k need not divide d_model; W^O maps h·d_k back to d_model', () => {
    const x = embedTokens(tokens, 10, 2);
    const weights = createMultiHeadWeights({ seed: 2, dModel: 10, heads: 3, dK: 4 });
    expect(shape(weights.wO)).toEqual([12, 10]);
    const result = multiHeadAttention(x, weights, { causal: false });
    expect(shape(result.concat)).toEqual([tokens.length, 12]);
    expect(shape(result.output)).toEqual([tokens.length, 10]);
  });

  test('d_model not divisible by h is an error when d_k is derived', () => {
    expect(() => createMultiHeadWeights({ seed: 1, dModel: 10, heads: 3 })).toThrow(/not divisible by 3 heads/);
    expect(() => createMultiHeadWeights({ seed: 1, dModel: 10, heads: 4 })).toThrow(/not divisible by 4 heads/);
  });

  test('head counts outside 2–4 are rejected', () => {
    for (const heads of [1, 5, 2.5]) {
      expect(() => createMultiHeadWeights({ seed: 1, dModel: 12, heads })).toThrow(/from 2 to 4/);
    }
  });

  test('heads are computed independently, concatenated in order, then multiplied by W^O', () => {
    const x = embedTokens(tokens, 8, 9);
    const weights = createMultiHeadWeights({ seed: 9, dModel: 8, heads: 2 });
    const result = multiHeadAttention(x, weights, { causal: true });
    const separate = weights.heads.map((head) => attentionSteps(x, head, { causal: true }).output);
    expect(toRows(result.concat)).toEqual(toRows(concatColumns(separate)));
    expect(toRows(result.output)).toEqual(toRows(matmul(result.concat, weights.wO)));
    // Different heads have different weights, hence different attention patterns.
    expect(toRows(result.heads[0]!.weights)).not.toEqual(toRows(result.heads[1]!.weights));
  });

  test('head 0 matches the single-head weights for the same seed and sizes', () => {
    const multi = createMultiHeadWeights({ seed: 4, dModel: 8, heads: 2 });
    const single = createHeadWeights({ seed: 4, dModel: 8, dK: 4 });
    expect(toRows(multi.heads[0]!.wQ)).toEqual(toRows(single.wQ));
  });

  test('a W^O of the wrong height is reported with both shapes', () => {
    const x = embedTokens(tokens, 8, 1);
    const weights = createMultiHeadWeights({ seed: 1, dModel: 8, heads: 2 });
    expect(() => multiHeadAttention(x, { ...weights, wO: createMatrix(6, 8) }, { causal: true })).toThrow(
      /7×8 but W\^O is 6×8/,
    );
  });
});
