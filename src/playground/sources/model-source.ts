/**
 * Where the browser downloads model weights and model libraries from.
 *
 * web-llm's prebuiltAppConfig points every model at huggingface.co (weights) and
 * raw.githubusercontent.com (the compiled .wasm libraries). Both are slow or blocked in mainland
 * China, so a source swaps the hosts while keeping web-llm's file layout:
 *   weights: <weightsBase><repo>/resolve/main/<file>   (web-llm appends resolve/main/ itself)
 *   library: <libsBase><lib>.wasm
 * <repo> is the Hugging Face repository name, which is the model id except for the "-1k" builds:
 * those reuse the weights of the full-context build, so a mirror stores them once.
 *
 * Pure and free of runtime imports, so the worker, the page, the tests and Node build scripts
 * (model-hosts.config.mjs can import this file directly with Node's type stripping) share it.
 */

import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import { GGUF_OWNER } from '../cpu/gguf-repos.ts';
import { MODEL_LIBRARY_PATH } from '../engine/web-llm-contract.ts';

export type ModelSourceId = 'huggingface' | 'hf-mirror' | 'custom';

export interface ModelSource {
  id: ModelSourceId;
  /** Absolute URL ending in "/"; a model's folder is weightsBase + repo. */
  weightsBase: string;
  /** Absolute URL ending in "/"; a model library is libsBase + file name. */
  libsBase: string;
}

export const HUGGING_FACE: ModelSource = {
  id: 'huggingface',
  weightsBase: 'https://huggingface.co/mlc-ai/',
  libsBase: `https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/${MODEL_LIBRARY_PATH}`,
};

/**
 * hf-mirror.com mirrors Hugging Face, but raw.githubusercontent.com is blocked in mainland China
 * too, so the libraries come from jsDelivr's mirror of the same GitHub repository.
 */
export const HF_MIRROR: ModelSource = {
  id: 'hf-mirror',
  weightsBase: 'https://hf-mirror.com/mlc-ai/',
  libsBase: `https://cdn.jsdelivr.net/gh/mlc-ai/binary-mlc-llm-libs@main/${MODEL_LIBRARY_PATH}`,
};

export const PRESET_SOURCES: readonly ModelSource[] = [HUGGING_FACE, HF_MIRROR];

/** A self-hosted folder as written by `npm run models:mirror`: <base><repo>/… and <base>libs/…. */
export function customSource(base: string): ModelSource {
  return { id: 'custom', weightsBase: base, libsBase: `${base}libs/` };
}

// ---- rewriting web-llm's records ---------------------------------------------------------------

/** The Hugging Face repository a prebuilt record's weights live in. */
export function weightsRepo(record: Pick<ModelRecord, 'model' | 'model_id'>): string {
  if (!record.model.startsWith(HUGGING_FACE.weightsBase)) {
    throw new Error(`${record.model_id}: weights are not at ${HUGGING_FACE.weightsBase} (${record.model})`);
  }
  const repo = record.model.slice(HUGGING_FACE.weightsBase.length).replace(/\/.*$/, '');
  if (repo === '') throw new Error(`${record.model_id}: no repository in ${record.model}`);
  return repo;
}

/** The file name of a prebuilt record's model library. */
export function libraryFile(record: Pick<ModelRecord, 'model_lib' | 'model_id'>): string {
  if (!record.model_lib.startsWith(HUGGING_FACE.libsBase)) {
    throw new Error(`${record.model_id}: library is not under ${HUGGING_FACE.libsBase} (${record.model_lib})`);
  }
  return record.model_lib.slice(HUGGING_FACE.libsBase.length);
}

/**
 * The same record with its URLs on `source`. Throws for a record that is not on web-llm's usual
 * hosts: keeping its URLs would send mirror users to hosts that are blocked for them.
 */
export function recordForSource(record: ModelRecord, source: ModelSource): ModelRecord {
  return {
    ...record,
    model: source.weightsBase + weightsRepo(record),
    model_lib: source.libsBase + libraryFile(record),
  };
}

/**
 * web-llm's prebuiltAppConfig moved to `source`. Runs in the worker, the only place that can
 * import prebuiltAppConfig without bundling web-llm into the page. Records that are not on
 * Hugging Face (none in 0.2.86) are dropped rather than fetched from the wrong host.
 */
export function appConfigForSource(prebuilt: AppConfig, source: ModelSource): AppConfig {
  if (source.id === 'huggingface') return prebuilt;
  const modelList: ModelRecord[] = [];
  for (const record of prebuilt.model_list) {
    try {
      modelList.push(recordForSource(record, source));
    } catch {
      // Not a Hugging Face record: there is no mirror of it.
    }
  }
  return { ...prebuilt, model_list: modelList };
}

// ---- reading a source from text (build setting, localStorage) --------------------------------

export type CustomBaseResult = { ok: true; source: ModelSource } | { ok: false; reason: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

/**
 * Checks the form of a reader- or maintainer-entered base URL: https, or loopback http for a
 * local test mirror (whether the site allows it is host-policy.ts's decision). `reason` is
 * Chinese, shown next to the input.
 */
export function parseCustomBase(input: string): CustomBaseResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: '请填写模型文件所在的网址。' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: '这不是完整的网址：请填写模型文件夹的地址，例如 https://hf-mirror.com/mlc-ai/。' };
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    return { ok: false, reason: '为了安全，网址必须以 https:// 开头。' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: '网址里不能带用户名或密码。' };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, reason: '网址不能带“?”或“#”后面的部分：请填写存放模型的文件夹地址。' };
  }
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { ok: true, source: customSource(`${url.origin}${path}`) };
}

/** The one-word form stored in localStorage and accepted by PUBLIC_MODEL_SOURCE. */
export function sourceSetting(source: ModelSource): string {
  return source.id === 'custom' ? source.weightsBase : source.id;
}

/** Reads a stored setting; null for anything missing, unknown or invalid. */
export function readSourceSetting(raw: string | null | undefined): ModelSource | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  const preset = PRESET_SOURCES.find((source) => source.id === text);
  if (preset !== undefined) return preset;
  const custom = parseCustomBase(text);
  return custom.ok ? custom.source : null;
}

/**
 * The maintainer's build setting: PUBLIC_MODEL_SOURCE = huggingface (or empty) | hf-mirror |
 * an https base URL. Throws on anything else, so a typo fails the build instead of shipping a
 * site that silently falls back to Hugging Face.
 */
export function parseModelSourceSetting(raw: string | undefined): ModelSource {
  if (raw === undefined || raw.trim() === '') return HUGGING_FACE;
  const source = readSourceSetting(raw);
  if (source === null) {
    throw new Error(
      `PUBLIC_MODEL_SOURCE must be "huggingface", "hf-mirror" or an https:// base URL (got "${raw}")`,
    );
  }
  return source;
}

export function sameSource(a: ModelSource, b: ModelSource): boolean {
  return a.id === b.id && a.weightsBase === b.weightsBase && a.libsBase === b.libsBase;
}

/**
 * Where a source's downloads may begin, as URL prefixes: for the presets, the mlc-ai organisation
 * and the model-library repository only, not every repository on those shared hosts (a model
 * library is code that runs in the page); for a custom source, its own folder.
 */
/** The CPU path's GGUF repositories on a Hugging Face host (files under resolve/ and raw/). */
function ggufFolders(origin: string): string[] {
  return [`${origin}/${GGUF_OWNER}/`];
}

export function sourceFolders(source: ModelSource): string[] {
  switch (source.id) {
    case 'huggingface':
      return ['https://huggingface.co/mlc-ai/', 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/', ...ggufFolders('https://huggingface.co')];
    case 'hf-mirror':
      return ['https://hf-mirror.com/mlc-ai/', 'https://cdn.jsdelivr.net/gh/mlc-ai/binary-mlc-llm-libs@main/', ...ggufFolders('https://hf-mirror.com')];
    case 'custom':
      return [source.weightsBase];
  }
}

/**
 * Where a source's hosts may redirect a download: Hugging Face sends large files to its CDNs
 * (*.hf.co, *.huggingface.co) and small ones to its resolve cache; hf-mirror.com does the same on
 * its own hosts. Never a place a download may begin.
 */
export function redirectTargetsFor(source: ModelSource): string[] {
  switch (source.id) {
    case 'huggingface':
      return ['https://*.huggingface.co/', 'https://*.hf.co/', 'https://huggingface.co/api/resolve-cache/models/mlc-ai/'];
    case 'hf-mirror':
      return ['https://*.hf-mirror.com/', 'https://hf-mirror.com/api/resolve-cache/models/mlc-ai/'];
    case 'custom':
      return [];
  }
}

/**
 * What the Content-Security-Policy's connect-src must allow for a source, as CSP source
 * expressions (a folder expression allows what is under it; after a redirect the browser checks
 * the host only).
 */
export function connectSrcFor(source: ModelSource): string[] {
  return [...sourceFolders(source), ...redirectTargetsFor(source)];
}

/** The build settings that decide which sources the site allows (see docs/self-hosting.md). */
export interface SourceSettings {
  /** PUBLIC_MODEL_SOURCE: the default source. */
  PUBLIC_MODEL_SOURCE?: string | undefined;
  /** PUBLIC_EXTRA_MODEL_SOURCES: more base URLs readers may pick, separated by spaces or commas. */
  PUBLIC_EXTRA_MODEL_SOURCES?: string | undefined;
}

/**
 * Every source the site allows: the presets, the maintainer's default and the extra sources.
 * The page, the worker and the CSP (model-hosts.config.mjs) all start from this list. Throws on
 * an extra source that is not a base URL, so a typo fails the build.
 */
export function configuredSources(settings: SourceSettings): ModelSource[] {
  const extra = (settings.PUBLIC_EXTRA_MODEL_SOURCES ?? '').split(/[\s,]+/).filter((text) => text !== '');
  const sources = [...PRESET_SOURCES, parseModelSourceSetting(settings.PUBLIC_MODEL_SOURCE)];
  for (const text of extra) {
    const parsed = parseCustomBase(text);
    if (!parsed.ok) throw new Error(`PUBLIC_EXTRA_MODEL_SOURCES: "${text}" is not an https:// base URL`);
    sources.push(parsed.source);
  }
  return sources.filter((source, i) => sources.findIndex((other) => sameSource(other, source)) === i);
}

/** A short Chinese name for pickers and lists. */
export function describeSource(source: ModelSource): string {
  switch (source.id) {
    case 'huggingface':
      return 'Hugging Face（官方）';
    case 'hf-mirror':
      return 'hf-mirror.com 镜像';
    case 'custom':
      return `自定义：${source.weightsBase}`;
  }
}

/** The hosts a source's files come from, by what they hold (names as readers know them). */
function hostNames(source: ModelSource): { weights: string; libraries: string } {
  switch (source.id) {
    case 'huggingface':
      return { weights: 'Hugging Face', libraries: 'GitHub' };
    case 'hf-mirror':
      return { weights: 'hf-mirror.com', libraries: 'jsDelivr' };
    case 'custom': {
      const host = new URL(source.weightsBase).host;
      return { weights: host, libraries: host };
    }
  }
}

/**
 * Where a source's files come from, for privacy notes: every host a reader's browser will contact,
 * "Hugging Face 和 GitHub", or with `detailed` what each serves ("Hugging Face（模型权重）和 …").
 */
export function downloadHosts(source: ModelSource, detailed = false): string {
  const { weights, libraries } = hostNames(source);
  if (weights === libraries) return detailed ? `${weights}（模型权重和编译好的模型程序）` : weights;
  return detailed ? `${weights}（模型权重）和 ${libraries}（编译好的模型程序）` : `${weights} 和 ${libraries}`;
}
