/**
 * Seeded randomness for the attention explorer. Math.random cannot be seeded, and the figure must
 * show the same numbers on every visit and in every test, so all randomness flows from here.
 */
import { createMatrix, type Matrix } from './matrix';

/** A source of uniform numbers in [0, 1). */
export type UniformRandom = () => number;

function assertSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
}

/**
 * mulberry32: a 32-bit-state generator, tiny and fast, with good enough statistics for drawing
 * illustrative matrices (it is not cryptographic). Seeds are reduced modulo 2³².
 */
export function mulberry32(seed: number): UniformRandom {
  assertSeed(seed);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** MurmurHash3's finaliser: spreads every input bit over the output so nearby seeds diverge. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units: stable across platforms, unlike anything locale- or engine-dependent. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/**
 * A 32-bit seed for one named stream ("token:猫", "W_Q/head 1", …) under a global seed. Naming the
 * stream, instead of drawing everything from one generator in sequence, means a word's embedding
 * or a head's weights do not change when other words or heads are added.
 */
export function deriveSeed(seed: number, label: string): number {
  assertSeed(seed);
  return mix32(hashString(label) ^ mix32(seed >>> 0));
}

/** A standard normal draw (Box–Muller). `1 − u` keeps the logarithm's argument in (0, 1]. */
export function standardNormal(random: UniformRandom): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A rows×cols matrix of independent N(0, std²) entries, filled row by row from `random`. */
export function normalMatrix(rows: number, cols: number, random: UniformRandom, std = 1): Matrix {
  const m = createMatrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = std * standardNormal(random);
  return m;
}
