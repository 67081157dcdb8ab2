/**
 * The Hugging Face repositories the CPU path downloads GGUF builds from. Kept apart from the
 * catalogue and free of imports, so model-source.ts (which Node build scripts load directly) can
 * allow their folder in the Content-Security-Policy. All are one quantizer's, so one folder per
 * host covers them: Cloudflare Pages cuts a Content-Security-Policy header after 2000 characters.
 */
export const GGUF_OWNER = 'bartowski';

export const GGUF_REPOS = {
  qwen25Half: `${GGUF_OWNER}/Qwen2.5-0.5B-Instruct-GGUF`,
  qwen3Small: `${GGUF_OWNER}/Qwen_Qwen3-0.6B-GGUF`,
  llama32One: `${GGUF_OWNER}/Llama-3.2-1B-Instruct-GGUF`,
} as const;
