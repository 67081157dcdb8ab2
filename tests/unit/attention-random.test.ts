import { describe, expect, test } from 'vitest';
import { embedTokens, tokenEmbedding } from '../../src/playground/attention/embeddings';
import { rowOf, toRows } from '../../src/playground/attention/matrix';
import { createHeadWeights, createMultiHeadWeights } from '../../src/playground/attention/projections';
import { deriveSeed, mulberry32, normalMatrix, standardNormal } from '../../src/playground/attention/random';

const draw = (seed: number, count: number): number[] => {
  const random = mulberry32(seed);
  return Array.from({ length: count }, random);
};

describe('seeded PRNG', () => {
  test('the same seed replays the same sequence; a different seed does not', () => {
    expect(draw(123, 50)).toEqual(draw(123, 50));
    expect(draw(123, 50)).not.toEqual(draw(124, 50));
  });

  test('draws are uniform in [0, 1)', () => {
    const values = draw(9, 20_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  test('standard normal draws have mean ≈ 0 and variance ≈ 1', () => {
    const random = mulberry32(5);
    const values = Array.from({ length: 20_000 }, () => standardNormal(random));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  test('normalMatrix scales by the requested standard deviation', () => {
    const unit = normalMatrix(3, 4, mulberry32(1));
    const tenth = normalMatrix(3, 4, mulberry32(1), 0.1);
    tenth.data.forEach((v, i) => expect(v).toBeCloseTo((unit.data[i] as number) * 0.1, 15));
  });

  test('derived seeds depend on both the global seed and the label', () => {
    expect(deriveSeed(1, 'a')).toBe(deriveSeed(1, 'a'));
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(2, 'a'));
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(1, 'b'));
  });

  test('non-integer seeds are rejected rather than silently truncated', () => {
    expect(() => mulberry32(1.5)).toThrow(/integer/);
    expect(() => deriveSeed(Number.NaN, 'x')).toThrow(/integer/);
  });
});

describe('deterministic embeddings', () => {
  test('a word gets the same vector in any sentence and position', () => {
    const a = embedTokens(['the', 'cat', 'sat'], 8, 42);
    const b = embedTokens(['a', 'dog', 'saw', 'the', 'cat'], 8, 42);
    expect(Array.from(rowOf(b, 3))).toEqual(Array.from(rowOf(a, 0)));
    expect(Array.from(rowOf(b, 4))).toEqual(Array.from(rowOf(a, 1)));
    expect(Array.from(rowOf(a, 1))).toEqual(Array.from(tokenEmbedding('cat', 8, 42)));
  });

  test('different words, or a different global seed, give different vectors', () => {
    expect(Array.from(tokenEmbedding('cat', 8, 42))).not.toEqual(Array.from(tokenEmbedding('cat', 8, 43)));
    expect(Array.from(tokenEmbedding('cat', 8, 42))).not.toEqual(Array.from(tokenEmbedding('Cat', 8, 42)));
    expect(Array.from(tokenEmbedding('猫', 8, 42))).not.toEqual(Array.from(tokenEmbedding('狗', 8, 42)));
  });

  test('X has one row per token and readable, finite values', () => {
    const x = embedTokens(['猫', '坐', '在'], 16, 0);
    expect([x.rows, x.cols]).toEqual([3, 16]);
    expect(Array.from(x.data).every((v) => Number.isFinite(v) && Math.abs(v) < 6)).toBe(true);
  });

  test('a non-positive width is rejected', () => {
    expect(() => tokenEmbedding('a', 0, 1)).toThrow(/dModel/);
    expect(() => embedTokens(['a'], 2.5, 1)).toThrow(/dModel/);
  });
});

describe('seeded projection matrices', () => {
  test('the same seed gives identical W^Q, W^K, W^V and W^O', () => {
    const a = createMultiHeadWeights({ seed: 7, dModel: 12, heads: 3 });
    const b = createMultiHeadWeights({ seed: 7, dModel: 12, heads: 3 });
    a.heads.forEach((head, h) => {
      expect(toRows(head.wQ)).toEqual(toRows(b.heads[h]!.wQ));
      expect(toRows(head.wK)).toEqual(toRows(b.heads[h]!.wK));
      expect(toRows(head.wV)).toEqual(toRows(b.heads[h]!.wV));
    });
    expect(toRows(a.wO)).toEqual(toRows(b.wO));
  });

  test('a different seed, head or role gives different matrices', () => {
    const base = createHeadWeights({ seed: 7, dModel: 8, dK: 4 });
    expect(toRows(createHeadWeights({ seed: 8, dModel: 8, dK: 4 }).wQ)).not.toEqual(toRows(base.wQ));
    expect(toRows(createHeadWeights({ seed: 7, dModel: 8, dK: 4, head: 1 }).wQ)).not.toEqual(toRows(base.wQ));
    expect(toRows(base.wK)).not.toEqual(toRows(base.wQ));
    expect(toRows(base.wV)).not.toEqual(toRows(base.wK));
  });

  test('entries have variance ≈ 1/d_model, so projected values stay near unit scale', () => {
    const dModel = 64;
    const { wQ } = createHeadWeights({ seed: 3, dModel, dK: 64 });
    const values = Array.from(wQ.data);
    const variance = values.reduce((s, v) => s + v * v, 0) / values.length;
    expect(variance * dModel).toBeGreaterThan(0.9);
    expect(variance * dModel).toBeLessThan(1.1);
  });
});
