/** Messages between the page and the tokenizer worker. */
import type { Family, PerFamily } from './families.ts';
import type { TokenUnit } from './token-spans.ts';

export type ToWorker =
  /** The raw bytes of a tokenizer.json, transferred (not copied) to the worker. */
  | { type: 'load'; family: Family; json: ArrayBuffer }
  | { type: 'tokenize'; requestId: number; inputs: PerFamily<string> };

export interface Tokenized {
  ids: number[];
  units: TokenUnit[];
  specialCount: number;
}

export type FromWorker =
  | { type: 'loaded'; family: Family; vocabSize: number }
  | { type: 'load-failed'; family: Family; message: string }
  | { type: 'tokenized'; requestId: number; results: PerFamily<Tokenized> }
  | { type: 'tokenize-failed'; requestId: number; message: string };
