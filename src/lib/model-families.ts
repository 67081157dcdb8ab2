/**
 * The two model families the site compares, in the order it shows them: Qwen (通义千问) and Llama
 * (Meta's Llama 3 and its 3.1 / 3.2 releases, whose tokenizer is Llama 3's). One spelling for the
 * content data, the charts, the summary, the playground's builds and arena, and the tokenizers.
 */
export const MODEL_FAMILIES = ['qwen', 'llama'] as const;

export type ModelFamily = (typeof MODEL_FAMILIES)[number];
