/**
 * Everything this site relies on from @mlc-ai/web-llm that its types do not promise: names and
 * texts read out of version 0.2.86's behaviour. Upgrading web-llm means changing this file, and
 * tests/unit/web-llm-contract.test.ts reads the installed library and names whatever below it no
 * longer finds there.
 *
 * Pure and free of imports, so the worker, the page, the tests and Node scripts (with Node's type
 * stripping) share it.
 */

/** The exact version package.json pins. */
export const WEB_LLM_VERSION = '0.2.86';

/**
 * The model-library folder this version was built against (its `modelVersion`): libraries from
 * another folder may not match the runtime.
 */
export const MODEL_LIBRARY_PATH = 'web-llm-models/v0_2_86/base/';

/** The Cache API caches web-llm stores into, keyed by file URL. */
export const WEB_LLM_CACHES = {
  /** mlc-chat-config.json */
  config: 'webllm/config',
  /** the model library (.wasm) */
  library: 'webllm/wasm',
  /** tokenizer files, tensor-cache.json and the weight shards */
  model: 'webllm/model',
} as const;

export type WebLlmCacheName = (typeof WEB_LLM_CACHES)[keyof typeof WEB_LLM_CACHES];

export const WEB_LLM_CACHE_NAMES: readonly WebLlmCacheName[] = Object.values(WEB_LLM_CACHES);

/** Every cache name above starts with this; no other cache of the site does. */
export const WEB_LLM_CACHE_PREFIX = 'webllm/';

/**
 * The start of each load-progress text web-llm writes; it names its phase only in English text:
 *   "Start to fetch params"
 *   "Fetching param cache[3/24]: 120MB fetched. 12% completed, …"
 *   "Loading model from cache[3/24]: 120MB loaded. 12% completed, …"
 *   "Loading GPU shader modules[10/85]: 11% completed, …"
 */
export const PROGRESS_TEXTS = {
  weightsStarting: 'Start to fetch params',
  downloadingWeights: 'Fetching param cache',
  readingCachedWeights: 'Loading model from cache',
  compilingShaders: 'Loading GPU shader modules',
} as const;

/** The megabytes in a progress text, whole MB rounded up: "120MB fetched" / "120MB loaded". */
export const PROGRESS_MEGABYTES = {
  downloadingWeights: /(\d+)MB fetched/,
  readingCachedWeights: /(\d+)MB loaded/,
} as const;

/**
 * The error names web-llm gives its errors (a worker engine rejects with a string that contains
 * the name, so the name is all there is to match). The worker raises some of them itself, with
 * the same name, when it checks before web-llm would.
 */
export const WEB_LLM_ERROR_NAMES = [
  'ConfigValueError',
  'DependencyError',
  'DeviceLostError',
  'IntegrityError',
  'InvalidNumberStringError',
  'MinValueError',
  'ModelNotFoundError',
  'ModelNotLoadedError',
  'NonNegativeError',
  'SeedTypeError',
  'ShaderF16SupportError',
  'SpecifiedModelNotFoundError',
  'WebGPUNotAvailableError',
  'WebGPUNotFoundError',
  'WorkerEngineModelNotLoadedError',
] as const;

export type WebLlmErrorName = (typeof WEB_LLM_ERROR_NAMES)[number];

/**
 * A model's folder as web-llm cleans a record's `model` URL (its cleanModelUrl): a trailing "/",
 * and "resolve/main/" unless the URL already names a revision. Cache keys are built from it.
 */
export function modelFolderUrl(model: string, base: string): string {
  let url = model.endsWith('/') ? model : `${model}/`;
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return new URL(url, base).href;
}

/**
 * Whether a build computes in 16-bit floats, from its model id ("…-q4f16_1-MLC"). web-llm declares
 * no shader-f16 requirement for the Qwen and Llama 3 builds, so the site checks it itself.
 */
export function modelIdNeedsShaderF16(modelId: string): boolean {
  return /-q\d+f16(?:_|-|$)/.test(modelId);
}
