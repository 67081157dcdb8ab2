/**
 * A round's prompt and settings as URL parameters, so a comparison can be shared. Answers never
 * go into the URL: they are the reader's, and another reader's models should produce their own.
 * Everything read back is validated and clamped; a bad parameter is dropped, not trusted.
 */
import type { ModelFamily } from '../../lib/model-families';
import { DEFAULT_CONTEXT_WINDOW, findCatalogueEntry } from '../catalogue';
import type { ShareState } from '../share/share-href';

export interface SharedRound {
  prompt: string;
  system?: string;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  qwen?: string;
  llama?: string;
  blind?: boolean;
}

/** A bound on what is read back from an address, which anyone can write (our links carry less). */
export const MAX_SHARED_PROMPT_LENGTH = 2000;

const keys = {
  prompt: 'prompt',
  system: 'system',
  temperature: 'temperature',
  top_p: 'top_p',
  max_tokens: 'max_tokens',
  seed: 'seed',
  qwen: 'qwen',
  llama: 'llama',
  blind: 'blind',
} as const;

/** The query parameters a shared round owns. */
export const SHARED_ROUND_KEYS: readonly string[] = Object.values(keys);

/** The round as a share link carries it (share/share-href.ts); no prompt, nothing to share. */
export function shareStateOf(round: SharedRound): ShareState {
  if (round.prompt.trim() === '') return { settings: {}, text: {} };
  const text = (value: number | undefined) => (value === undefined ? undefined : String(value));
  return {
    settings: {
      [keys.temperature]: text(round.temperature),
      [keys.top_p]: text(round.top_p),
      [keys.max_tokens]: text(round.max_tokens),
      [keys.seed]: text(round.seed),
      [keys.qwen]: round.qwen,
      [keys.llama]: round.llama,
      [keys.blind]: round.blind ? '1' : undefined,
    },
    text: { [keys.prompt]: round.prompt, [keys.system]: round.system },
  };
}

function number(params: URLSearchParams, key: string, min: number, max: number, integer = false): number | undefined {
  const raw = params.get(key);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) return undefined;
  return Math.min(max, Math.max(min, value));
}

function model(params: URLSearchParams, key: string, family: ModelFamily): string | undefined {
  const id = params.get(key);
  return id !== null && findCatalogueEntry(id)?.family === family ? id : undefined;
}

/** null when the URL carries no shared round. */
export function decodeSharedRound(params: URLSearchParams): SharedRound | null {
  const prompt = params.get(keys.prompt);
  if (prompt === null || prompt.trim() === '') return null;
  const round: SharedRound = { prompt: prompt.slice(0, MAX_SHARED_PROMPT_LENGTH) };
  const system = params.get(keys.system);
  if (system) round.system = system.slice(0, MAX_SHARED_PROMPT_LENGTH);
  const temperature = number(params, keys.temperature, 0, 2);
  const topP = number(params, keys.top_p, 0.01, 1);
  const maxTokens = number(params, keys.max_tokens, 1, DEFAULT_CONTEXT_WINDOW, true);
  const seed = number(params, keys.seed, 0, 2 ** 31 - 1, true);
  if (temperature !== undefined) round.temperature = temperature;
  if (topP !== undefined) round.top_p = topP;
  if (maxTokens !== undefined) round.max_tokens = maxTokens;
  if (seed !== undefined) round.seed = seed;
  const qwen = model(params, keys.qwen, 'qwen');
  const llama = model(params, keys.llama, 'llama');
  if (qwen) round.qwen = qwen;
  if (llama) round.llama = llama;
  if (params.get(keys.blind) === '1') round.blind = true;
  return round;
}
