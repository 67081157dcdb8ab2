/// <reference lib="webworker" />
/**
 * Builds the tiny test model off the bench page's main thread: parsing the tokenizer files and
 * writing the GGUF leaves some hundred megabytes of garbage behind, and collecting it on the page
 * would show up as a long main-thread task in the middle of the engine's answer, work no reader's
 * page ever does. Only the finished file comes back, transferred.
 */
import { browserTokenizerFiles } from '../tests/fixtures/tiny-gguf/browser-tokenizer-files';
import { buildTinyModel } from '../tests/fixtures/tiny-gguf/tiny-model';
import { ENDLESS_REPLY } from '../tests/fixtures/tiny-gguf/scripts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const { gguf } = buildTinyModel('qwen', await browserTokenizerFiles('qwen'), ENDLESS_REPLY);
scope.postMessage(gguf, [gguf.buffer]);
