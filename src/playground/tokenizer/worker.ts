/// <reference lib="webworker" />
/**
 * Parses the tokenizer files and tokenizes off the main thread: building a 150k-entry vocabulary
 * and merge table takes a few hundred milliseconds, and long texts take more, which would
 * otherwise freeze typing.
 */
import { createTokenizer, type LoadedTokenizer } from './engine.ts';
import type { Family, PerFamily } from './families.ts';
import type { FromWorker, ToWorker, Tokenized } from './protocol.ts';
import { tokenizeForView } from './tokenize-text.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const loaded = new Map<Family, LoadedTokenizer>();
const post = (message: FromWorker) => scope.postMessage(message);
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'load') {
    try {
      const tokenizer = createTokenizer(JSON.parse(new TextDecoder().decode(message.json)));
      loaded.set(message.family, tokenizer);
      post({ type: 'loaded', family: message.family, vocabSize: tokenizer.vocabSize });
    } catch (error) {
      post({ type: 'load-failed', family: message.family, message: errorText(error) });
    }
    return;
  }
  try {
    const qwen = loaded.get('qwen');
    const llama = loaded.get('llama');
    if (!qwen || !llama) throw new Error('分词器尚未加载');
    const results: PerFamily<Tokenized> = {
      qwen: tokenizeForView(qwen, message.inputs.qwen),
      llama: tokenizeForView(llama, message.inputs.llama),
    };
    post({ type: 'tokenized', requestId: message.requestId, results });
  } catch (error) {
    post({ type: 'tokenize-failed', requestId: message.requestId, message: errorText(error) });
  }
};
