/// <reference lib="webworker" />
/**
 * Parses one family's tokenizer file and tokenizes with it, off the main thread: building a
 * 150k-entry vocabulary and merge table takes about a second on a laptop, and long texts take
 * more, which would otherwise freeze typing. Each family has a worker of its own, so on a phone's
 * several cores the two files are parsed, and every text tokenized, side by side.
 */
import { createTokenizer, type LoadedTokenizer } from './engine.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { tokenizeForView } from './tokenize-text.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let tokenizer: LoadedTokenizer | null = null;
const post = (message: FromWorker) => scope.postMessage(message);
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'load') {
    try {
      tokenizer = createTokenizer(JSON.parse(new TextDecoder().decode(message.json)));
      post({ type: 'loaded', vocabSize: tokenizer.vocabSize });
    } catch (error) {
      post({ type: 'load-failed', message: errorText(error) });
    }
    return;
  }
  try {
    if (!tokenizer) throw new Error('分词器尚未加载');
    post({ type: 'tokenized', requestId: message.requestId, result: tokenizeForView(tokenizer, message.text) });
  } catch (error) {
    post({ type: 'tokenize-failed', requestId: message.requestId, message: errorText(error) });
  }
};
