/**
 * The explorer's state, free of the DOM: what the reader chose, which step is on screen, and the
 * attention maths computed from those choices. The view only renders what this module decides.
 */
import { attentionSteps, type AttentionSteps } from './attention';
import { embedTokens } from './embeddings';
import type { Matrix } from './matrix';
import { multiHeadAttention } from './multi-head-attention';
import { createHeadWeights, createMultiHeadWeights, MAX_HEADS } from './projections';
import { seedFormula, type SeedFormulaResult } from './seed-formula';
import { MAX_TOKENS, tokenize } from './tokenizer';

/** Small enough for an n × d_model heat map to fit a phone, wide enough for every d_k choice. */
export const D_MODEL = 8;
export const D_K_CHOICES: readonly number[] = [2, 4, 8];
export const HEAD_CHOICES: readonly number[] = Array.from({ length: MAX_HEADS }, (_, i) => i + 1);
export const PRESETS: readonly string[] = ['今天天气很好', 'The cat sat on the mat'];
/** mulberry32 reduces seeds modulo 2³², so larger seeds would only repeat these. */
export const MAX_SEED = 2 ** 32 - 1;

export interface Settings {
  readonly text: string;
  readonly seed: number;
  readonly dK: number;
  readonly causal: boolean;
  readonly heads: number;
}

export const DEFAULT_SETTINGS: Settings = { text: PRESETS[0] ?? '', seed: 42, dK: 4, causal: true, heads: 1 };

export type StepId = 'x' | 'q' | 'k' | 'v' | 'scores' | 'scaled' | 'masked' | 'weights' | 'output' | 'concat' | 'mixed';

const HEAD_STEPS: readonly StepId[] = ['x', 'q', 'k', 'v', 'scores', 'scaled', 'masked', 'weights', 'output'];
const MULTI_HEAD_STEPS: readonly StepId[] = [...HEAD_STEPS, 'concat', 'mixed'];

/** The steps in computation order; several heads add the concatenation and W^O at the end. */
export function stepIds(heads: number): readonly StepId[] {
  return heads > 1 ? MULTI_HEAD_STEPS : HEAD_STEPS;
}

export interface Computation {
  readonly tokens: readonly string[];
  readonly truncated: boolean;
  readonly totalTokens: number;
  readonly x: Matrix;
  readonly heads: readonly AttentionSteps[];
  /** Only with more than one head. */
  readonly multiHead?: { readonly concat: Matrix; readonly output: Matrix };
  /** What the layer hands on: the head's output, or concat·W^O with several heads. */
  readonly output: Matrix;
  readonly seedFormula: SeedFormulaResult;
}

export function parseSeed(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const seed = Number(text);
  return seed <= MAX_SEED ? seed : null;
}

/** Everything the figure shows for these settings; null when the sentence has no token at all. */
export function compute(settings: Settings): Computation | null {
  const { tokens, truncated, totalTokens } = tokenize(settings.text, MAX_TOKENS);
  if (tokens.length === 0) return null;
  const { seed, dK, heads } = settings;
  const x = embedTokens(tokens, D_MODEL, seed);
  const options = { causal: settings.causal };
  const common = { tokens, truncated, totalTokens, x, seedFormula: seedFormula(x) };
  // One head is not "multi-head with h = 1": it has no W^O, which is what the article's (1) shows.
  if (heads === 1) {
    const head = attentionSteps(x, createHeadWeights({ seed, dModel: D_MODEL, dK }), options);
    return { ...common, heads: [head], output: head.output };
  }
  const result = multiHeadAttention(x, createMultiHeadWeights({ seed, dModel: D_MODEL, heads, dK }), options);
  return {
    ...common,
    heads: result.heads,
    multiHead: { concat: result.concat, output: result.output },
    output: result.output,
  };
}

export interface ExplorerState {
  readonly settings: Settings;
  /** Index into stepIds(settings.heads). */
  readonly step: number;
}

export const INITIAL_STATE: ExplorerState = { settings: DEFAULT_SETTINGS, step: 0 };

export function goToStep(state: ExplorerState, step: number): ExplorerState {
  const last = stepIds(state.settings.heads).length - 1;
  return { ...state, step: Math.min(Math.max(step, 0), last) };
}

/** Keeps the reader on the same step (say, "scaled" while trying another d_k) where it still exists. */
export function withSettings(state: ExplorerState, patch: Partial<Settings>): ExplorerState {
  return goToStep({ settings: { ...state.settings, ...patch }, step: state.step }, state.step);
}
