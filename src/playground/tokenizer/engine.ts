/**
 * The tokenizer the island, the build-time table and the bench all use: Hugging Face's pure-JS
 * tokenizers.js over a model's own tokenizer.json (docs/tokenizers.md says why this one).
 * Nothing here touches the DOM or Node, so it runs in the Web Worker and at build time alike.
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { byteLevelToBytes } from './byte-level.ts';

export interface Token {
  id: number;
  /** The UTF-8 bytes this token stands for. */
  bytes: Uint8Array;
  /** A control token such as <|im_start|> or <|eot_id|>, not text. */
  special: boolean;
}

export interface LoadedTokenizer {
  /** Ids for text as a model would see it inside a prompt: no BOS added, special tokens parsed. */
  encode(text: string): number[];
  /** The same, with each token's bytes, so a view can show what every id covers. */
  tokenize(text: string): Token[];
  /** Regular vocabulary plus added tokens. */
  readonly vocabSize: number;
  readonly specialIds: ReadonlySet<number>;
}

interface AddedTokenJson {
  id: number;
  content: string;
  special: boolean;
}

interface TokenizerJson {
  added_tokens: AddedTokenJson[];
  model: { type: string; vocab: Record<string, number> };
}

function isTokenizerJson(value: unknown): value is TokenizerJson {
  if (typeof value !== 'object' || value === null) return false;
  const json = value as Partial<TokenizerJson>;
  return (
    Array.isArray(json.added_tokens) &&
    typeof json.model === 'object' &&
    json.model !== null &&
    json.model.type === 'BPE' &&
    typeof json.model.vocab === 'object'
  );
}

const utf8 = new TextEncoder();

export function createTokenizer(json: unknown): LoadedTokenizer {
  if (!isTokenizerJson(json)) throw new Error('不是字节级 BPE 的 tokenizer.json');
  // tokenizer_config.json only matters to tokenizers.js for decoding and for non-BPE models; for
  // encoding these two BPE vocabularies it changes nothing, so neither file has to be downloaded.
  const tokenizer = new Tokenizer(json, {});
  const added = new Map(json.added_tokens.map((token) => [token.id, token]));
  const specialIds = new Set(json.added_tokens.filter((token) => token.special).map((token) => token.id));
  const vocabSize =
    Object.keys(json.model.vocab).length + json.added_tokens.filter((t) => !(t.content in json.model.vocab)).length;

  const bytesOf = (id: number, piece: string): Uint8Array => {
    const addedToken = added.get(id);
    // Added tokens are stored as plain text, not in the byte-level alphabet.
    if (addedToken) return utf8.encode(addedToken.content);
    return byteLevelToBytes(piece) ?? utf8.encode(piece);
  };

  return {
    vocabSize,
    specialIds,
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
    tokenize(text) {
      const { ids, tokens } = tokenizer.encode(text, { add_special_tokens: false });
      return ids.map((id, i) => ({ id, bytes: bytesOf(id, tokens[i] ?? ''), special: specialIds.has(id) }));
    },
  };
}
