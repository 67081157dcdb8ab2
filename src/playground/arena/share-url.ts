/**
 * A round's prompt and settings as URL parameters, so a comparison can be shared. Answers never
 * go into the URL: they are the reader's, and another reader's models should produce their own.
 * Everything read back is validated and clamped; a bad parameter is dropped, not trusted.
 */
import { findCatalogueEntry } from '../catalogue';

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

/** Long enough for any preset and most real prompts, short enough for every browser's URL limit. */
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

export function encodeSharedRound(round: SharedRound): URLSearchParams {
  const params = new URLSearchParams();
  params.set(keys.prompt, round.prompt.slice(0, MAX_SHARED_PROMPT_LENGTH));
  if (round.system) params.set(keys.system, round.system.slice(0, MAX_SHARED_PROMPT_LENGTH));
  for (const key of ['temperature', 'top_p', 'max_tokens', 'seed'] as const) {
    const value = round[key];
    if (value !== undefined) params.set(keys[key], String(value));
  }
  if (round.qwen) params.set(keys.qwen, round.qwen);
  if (round.llama) params.set(keys.llama, round.llama);
  if (round.blind) params.set(keys.blind, '1');
  return params;
}

function number(params: URLSearchParams, key: string, min: number, max: number, integer = false): number | undefined {
  const raw = params.get(key);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) return undefined;
  return Math.min(max, Math.max(min, value));
}

function model(params: URLSearchParams, key: string, family: 'qwen' | 'llama'): string | undefined {
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
  const maxTokens = number(params, keys.max_tokens, 1, 4096, true);
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
