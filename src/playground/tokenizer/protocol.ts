/** Messages between the page and a tokenizer worker: one worker for each family's tokenizer. */
import type { TokenUnit } from './token-spans.ts';

export type ToWorker =
  /** The raw bytes of a tokenizer.json, transferred (not copied) to the worker. */
  | { type: 'load'; json: ArrayBuffer }
  | { type: 'tokenize'; requestId: number; text: string };

export interface Tokenized {
  ids: number[];
  units: TokenUnit[];
  specialCount: number;
}

export type FromWorker =
  | { type: 'loaded'; vocabSize: number }
  | { type: 'load-failed'; message: string }
  | { type: 'tokenized'; requestId: number; result: Tokenized }
  | { type: 'tokenize-failed'; requestId: number; message: string };
