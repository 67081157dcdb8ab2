/**
 * The Hugging Face repositories the CPU path downloads GGUF builds from. Kept apart from the
 * catalogue and free of imports, so model-source.ts (which Node build scripts load directly) can
 * allow exactly these folders in the Content-Security-Policy.
 */
export const GGUF_REPOS = {
  qwen25Half: 'bartowski/Qwen2.5-0.5B-Instruct-GGUF',
  qwen3Small: 'Qwen/Qwen3-0.6B-GGUF',
  llama32One: 'bartowski/Llama-3.2-1B-Instruct-GGUF',
} as const;
