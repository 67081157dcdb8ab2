// The tiny GGUF fixtures against the real llama.cpp engine (wllama, WebAssembly, one thread):
// each family's model, written at test time from the real tokenizer files, streams exactly the
// answer the test chose and ends its turn on the end-of-turn token.
import { describe, expect, test } from 'vitest';
import { Wllama, type ChatCompletionChunk } from '@wllama/wllama';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { FAMILIES } from '../../src/playground/tokenizer/families';
import { browserTokenizerFiles } from '../fixtures/tiny-gguf/browser-tokenizer-files';
import { buildTinyModel } from '../fixtures/tiny-gguf/tiny-model';
import { REPLY, SPLIT_CHARACTER, answerText } from '../fixtures/tiny-gguf/scripts';

describe.each(FAMILIES)('tiny %s model in wllama', (family) => {
  test('streams the chosen answer token by token, then stops on end of turn', async () => {
    const model = buildTinyModel(family, await browserTokenizerFiles(family), REPLY);
    const wllama = new Wllama({ default: wasmUrl }, { suppressNativeLog: true });
    try {
      await wllama.loadModel([new Blob([model.gguf as Uint8Array<ArrayBuffer>])], { n_threads: 1, n_ctx: 512 });
      // The GGUF carries the tokenizer_config chat template; llama.cpp applies it.
      expect(wllama.getChatTemplate()).toContain(family === 'qwen' ? '<|im_start|>' : '<|start_header_id|>');
      const stream = await wllama.createChatCompletion({
        messages: [{ role: 'user', content: '你好' }],
        stream: true,
        max_tokens: 200,
        temperature: 1,
      });
      const chunks: ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      const pieces = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '');
      expect(pieces.join('')).toBe(answerText(REPLY));
      // The character's three byte tokens reach the caller as one piece, never as "�".
      expect(pieces.some((piece) => piece.includes(SPLIT_CHARACTER))).toBe(true);
      expect(pieces.join('')).not.toContain('\uFFFD');
      const last = chunks.at(-1)!;
      expect(last.choices[0]?.finish_reason).toBe('stop');
      // Every answer token plus the end-of-turn token was generated.
      expect(last.timings?.predicted_n).toBe(model.answerIds.length + 1);
    } finally {
      await wllama.exit();
    }
  }, 60_000);
});
