/** One tokenizer's full answer for one text, as the views need it. */
import type { LoadedTokenizer } from './engine.ts';
import type { Tokenized } from './protocol.ts';
import { groupTokens } from './token-spans.ts';

export function tokenizeForView(tokenizer: LoadedTokenizer, text: string): Tokenized {
  const tokens = tokenizer.tokenize(text);
  return {
    ids: tokens.map((token) => token.id),
    units: groupTokens(tokens),
    specialCount: tokens.filter((token) => token.special).length,
  };
}
