import { describe, expect, test } from 'vitest';
import {
  EngineError,
  describeEngineError,
  toEngineError,
  type EngineErrorAction,
  type EngineErrorKind,
} from '../../src/playground/engine/errors';

// Texts as web-llm 0.2.86 / Chromium produce them (err.toString() of the thrown error): see the
// error classes and their messages in node_modules/@mlc-ai/web-llm/lib/index.js.
const cases: [label: string, raw: string, kind: EngineErrorKind, action: EngineErrorAction][] = [
  [
    'DeviceLostError',
    'DeviceLostError: The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM). To resolve this, try reloading with a model that has fewer parameters or uses a smaller context length.',
    'device-lost',
    'smaller-model',
  ],
  [
    'DeviceLostError wrapped by a worker',
    'Error: DeviceLostError: The WebGPU device was lost while loading the model.',
    'device-lost',
    'smaller-model',
  ],
  [
    'ModelNotLoadedError',
    'ModelNotLoadedError: Model not loaded before trying to complete ChatCompletionRequest. Please ensure you have called `MLCEngine.reload(model)` to load the model before initiating APIs, or initialize your engine using CreateMLCEngine() with a valid model configuration.',
    'model-not-loaded',
    'retry',
  ],
  [
    'ContextWindowSizeExceededError',
    'ContextWindowSizeExceededError: Prompt tokens exceed context window size: number of prompt tokens: 4200; context window size: 4096\nConsider shortening the prompt, or increase `context_window_size`, or using sliding window via `sliding_window_size`.',
    'context-window-exceeded',
    'clear-conversation',
  ],
  [
    'WebGPUNotAvailableError',
    'WebGPUNotAvailableError: WebGPU is not supported in your current environment, but it is necessary to run the WebLLM engine. Please make sure that your browser supports WebGPU and that it is enabled in your browser settings.',
    'webgpu-unavailable',
    'none',
  ],
  [
    'ShaderF16SupportError',
    'ShaderF16SupportError: This model requires WebGPU extension shader-f16, which is not enabled in this browser. You can try to launch Chrome Canary in command line with flag "--enable-dawn-features=allow_unsafe_apis".',
    'shader-f16-unsupported',
    'smaller-model',
  ],
  [
    'QuotaExceededError (Cache API)',
    "QuotaExceededError: Failed to execute 'put' on 'Cache': Quota exceeded.",
    'storage-quota',
    'smaller-model',
  ],
  ['quota in plain words', 'Error: The quota has been exceeded.', 'storage-quota', 'smaller-model'],
  ['network failure', 'TypeError: Failed to fetch', 'network', 'retry'],
  ['network failure wrapped', 'Error: TypeError: Failed to fetch', 'network', 'retry'],
  ['Firefox network failure', 'TypeError: NetworkError when attempting to fetch resource.', 'network', 'retry'],
  [
    '404 on a model file',
    "TypeError: Failed to execute 'add' on 'Cache': Request failed",
    'download-failed',
    'retry',
  ],
  [
    'corrupt model library',
    'CompileError: WebAssembly.instantiate(): expected magic word 00 61 73 6d, found 3c 21 44 4f @+0',
    'corrupt-model-library',
    'delete-and-reload',
  ],
  [
    'config answered with an HTML page (Chromium)',
    'SyntaxError: Unexpected token \'<\', "<!DOCTYPE "... is not valid JSON',
    'corrupt-download',
    'delete-and-reload',
  ],
  [
    'config answered with an HTML page (Firefox)',
    'SyntaxError: JSON.parse: unexpected character at line 1 column 1 of the JSON data',
    'corrupt-download',
    'delete-and-reload',
  ],
  [
    'config answered with an HTML page (Safari)',
    "SyntaxError: JSON Parse error: Unrecognized token '<'",
    'corrupt-download',
    'delete-and-reload',
  ],
  [
    'no compatible GPU',
    "Error: Unable to find a compatible GPU. This issue might be because your computer doesn't have a GPU, or your system settings are not configured properly.",
    'no-compatible-gpu',
    'none',
  ],
  [
    'maxBufferSize exceeds limit',
    'Error: Cannot initialize runtime because of requested maxBufferSize exceeds limit. requested=256MB, limit=128MB. Consider upgrading your browser.',
    'gpu-limits-too-small',
    'none',
  ],
  [
    'maxStorageBufferBindingSize exceeds limit',
    'Error: Cannot initialize runtime because of requested maxStorageBufferBindingSize exceeds limit. requested=128MB, limit=64MB. ',
    'gpu-limits-too-small',
    'none',
  ],
  ['load cancelled by unload()', 'AbortError: signal is aborted without reason', 'load-cancelled', 'none'],
  ['load cancelled by our worker', 'LoadCancelledError: The load was cancelled by a newer load or unload.', 'load-cancelled', 'none'],
  ['bad sampling value', 'RangeError: Make sure 0 < top_p <= 1.', 'invalid-settings', 'none'],
  ['worker crash', 'WorkerCrashedError: the engine worker stopped', 'worker-crashed', 'reload-page'],
  ['unknown model id', 'ModelNotFoundError: Cannot find model record in appConfig for X.', 'model-not-found', 'none'],
];

describe('describeEngineError', () => {
  test.each(cases)('%s', (_label, raw, kind, action) => {
    const info = describeEngineError(raw);
    expect(info.kind).toBe(kind);
    expect(info.action).toBe(action);
    expect(info.message).toMatch(/[\u4e00-\u9fff]/);
    // The library's own words are for the 技术细节 toggle, never the message.
    expect(info.message).not.toMatch(/[A-Za-z]{4,}Error|Failed to|Cache/);
    expect(info.details).toBe(raw.split('\n')[0]!.trim());
  });

  test('only network and host failures suggest another download source', () => {
    const helped = cases.filter(([, raw]) => describeEngineError(raw).sourceMayHelp).map(([label]) => label);
    expect(helped).toEqual(['network failure', 'network failure wrapped', 'Firefox network failure', '404 on a model file']);
    expect(describeEngineError('ResponseTooLargeError: too big').sourceMayHelp).toBe(true);
    expect(describeEngineError('LoadStalledError: [download] no progress for 60 s').sourceMayHelp).toBe(true);
    expect(describeEngineError('LoadStalledError: [compile] no progress for 60 s').sourceMayHelp).toBe(false);
    expect(describeEngineError('Error: tvm runtime exploded').sourceMayHelp).toBe(false);
  });

  test('a JavaScript RangeError is not mistaken for a settings problem', () => {
    expect(describeEngineError('RangeError: Maximum call stack size exceeded').kind).toBe('unknown');
  });

  test('unknown errors: generic message, first line as details, never the stack', () => {
    const raw = 'Error: something odd in tvmjs\n    at foo (index.js:1:2)\n    at bar (index.js:3:4)';
    const info = describeEngineError(raw);
    expect(info.kind).toBe('unknown');
    expect(info.action).toBe('retry');
    expect(info.details).toBe('Error: something odd in tvmjs');
    expect(info.message).not.toContain('at foo');
  });

  test('details are shortened', () => {
    expect(describeEngineError(`Error: ${'x'.repeat(1000)}`).details!.length).toBeLessThanOrEqual(301);
  });
});

describe('toEngineError', () => {
  test('from a string, an Error and a serialized error', () => {
    const fromString = toEngineError('TypeError: Failed to fetch');
    expect(fromString).toBeInstanceOf(EngineError);
    expect(fromString.kind).toBe('network');
    expect(fromString.raw).toBe('TypeError: Failed to fetch');

    const thrown = new Error('x');
    thrown.name = 'DeviceLostError';
    expect(toEngineError(thrown).kind).toBe('device-lost');

    expect(toEngineError({ name: 'TypeError', message: 'Failed to fetch', text: 'TypeError: Failed to fetch' }).kind).toBe('network');
  });

  test('an EngineError passes through unchanged', () => {
    const original = toEngineError('TypeError: Failed to fetch');
    expect(toEngineError(original)).toBe(original);
  });

  test('message is the Chinese text, so an uncaught rejection still reads well', () => {
    const error = toEngineError('DeviceLostError: lost');
    expect(error.message).toBe(describeEngineError('DeviceLostError: lost').message);
    expect(error.message).not.toMatch(/DeviceLostError/);
  });
});

describe('a failed model file named by the worker (ModelFileError)', () => {
  test('HTTP status: download-failed; the message says what to do, the details name the file, host and status', () => {
    const url = 'https://hf-mirror.com/mlc-ai/Qwen2.5-0.5B-Instruct-q4f32_1-MLC/resolve/main/mlc-chat-config.json';
    const error = toEngineError(`ModelFileError: HTTP 404 ${url} (TypeError: Failed to execute 'add' on 'Cache': Request failed)`);
    expect(error.kind).toBe('download-failed');
    expect(error.action).toBe('retry');
    expect(error.sourceMayHelp).toBe(true);
    expect(error.failedUrl).toBe(url);
    expect(error.httpStatus).toBe(404);
    expect(error.message).toBe('模型文件下载失败：下载源上没有这个文件。请稍后重试；如果一直失败，请换一个下载源。');
    expect(error.details).toBe(`hf-mirror.com 答复 HTTP 404：${url}`);
  });

  test.each([
    [403, /拒绝/],
    [503, /服务器出错/],
    [410, /没有返回这个文件/],
  ])('HTTP %i is explained', (status, reason) => {
    const info = describeEngineError(`ModelFileError: HTTP ${status} https://a.example/libs/x.wasm`);
    expect(info.message).toMatch(reason);
    expect(info.message).not.toMatch(/HTTP|x\.wasm|a\.example/);
    expect(info.details).toBe(`a.example 答复 HTTP ${status}：https://a.example/libs/x.wasm`);
  });

  test('unreachable host: network; host and file only in the details', () => {
    const url = 'https://cdn.jsdelivr.net/gh/mlc-ai/libs/Qwen2-0.5B.wasm';
    const info = describeEngineError(`Error: ModelFileError: unreachable ${url}`);
    expect(info.kind).toBe('network');
    expect(info.sourceMayHelp).toBe(true);
    expect(info.httpStatus).toBeUndefined();
    expect(info.message).toMatch(/^连不上模型下载源.*请检查网络后重试.*或换一个下载源。$/);
    expect(info.message).not.toMatch(/jsdelivr|wasm/);
    expect(info.details).toBe(`连不上 cdn.jsdelivr.net：${url}`);
  });

  test('a URL that happens to contain another rule\'s words is still a file failure', () => {
    expect(describeEngineError('ModelFileError: HTTP 404 https://a.example/quota/DeviceLostError.bin').kind).toBe('download-failed');
  });
});
