/**
 * Deterministic toy embeddings: the figure needs an X matrix for any sentence a reader types, and a
 * real model's embedding table is far too large to ship. Each token's vector is seeded by its own
 * text, so the same word gets the same row wherever it appears — which lets a reader see that
 * repeated words produce identical Q, K and V rows.
 */
import { createMatrix, type Matrix } from './matrix';
import { deriveSeed, mulberry32, standardNormal } from './random';

function assertModelWidth(dModel: number): void {
  if (!Number.isInteger(dModel) || dModel < 1) throw new RangeError(`dModel must be a positive integer, got ${dModel}`);
}

/**
 * The embedding of one token: dModel independent N(0, 1) components. Unit variance keeps entries
 * readable (mostly within ±2) and makes the projections below produce unit-variance Q, K and V.
 */
export function tokenEmbedding(token: string, dModel: number, seed: number): Float64Array {
  assertModelWidth(dModel);
  const random = mulberry32(deriveSeed(seed, `token:${token}`));
  return Float64Array.from({ length: dModel }, () => standardNormal(random));
}

/** X: one embedding row per token, in order (tokens.length × dModel). */
export function embedTokens(tokens: readonly string[], dModel: number, seed: number): Matrix {
  assertModelWidth(dModel);
  const x = createMatrix(tokens.length, dModel);
  tokens.forEach((token, i) => x.data.set(tokenEmbedding(token, dModel, seed), i * dModel));
  return x;
}
