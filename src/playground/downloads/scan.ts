/**
 * Everything the browser holds of the catalogue's models. Files fetched through another source
 * sit under other URLs, invisible to the current source's checks, so the presets are asked
 * about too: switching to the mirror must not leave gigabytes of Hugging Face files unseen.
 */

import { HF_MIRROR, HUGGING_FACE, sameSource, type ModelSource } from '../sources/model-source';
import type { SourcedReport } from './cache-summary';
import type { ModelCacheEngine } from './model-cache-engine';
import { WEB_LLM_CACHE_PREFIX } from '../engine/web-llm-contract';

/**
 * Whether web-llm has written anything in this browser. Asking the engine would start its worker
 * and download web-llm (2 MB gzip) just to learn that nothing is there; the cache names answer
 * that for free. (The Cache API is web-llm's default backend, the only one this site uses.)
 */
export async function hasWebLlmCaches(storage: Pick<CacheStorage, 'keys'> | undefined): Promise<boolean> {
  if (storage === undefined) return false;
  try {
    return (await storage.keys()).some((name) => name.startsWith(WEB_LLM_CACHE_PREFIX));
  } catch {
    return true; // unknown: let the engine look
  }
}

/** The current source first, then the presets it is not. */
function sourcesToScan(current: ModelSource): ModelSource[] {
  return [current, ...[HUGGING_FACE, HF_MIRROR].filter((preset) => !sameSource(preset, current))];
}

export async function scanCachedModels(
  engine: Pick<ModelCacheEngine, 'listCached'>,
  modelIds: readonly string[],
  current: ModelSource,
): Promise<SourcedReport[]> {
  if (!(await hasWebLlmCaches(globalThis.caches))) return [];
  const found: SourcedReport[] = [];
  for (const source of sourcesToScan(current)) {
    for (const report of await engine.listCached(modelIds, { source })) found.push({ source, report });
  }
  return found;
}

/** The folder of the origin-private file system where wllama (the CPU path) keeps GGUF files. */
const GGUF_FOLDER = 'cache';

/**
 * Whether the CPU path has stored anything. Asking wllama would download its code just to learn
 * that nothing is there; the folder answers that for free (and is not created by asking).
 */
export async function hasGgufFiles(storage: Pick<StorageManager, 'getDirectory'> | undefined): Promise<boolean> {
  if (storage?.getDirectory === undefined) return false;
  try {
    const folder = await (await storage.getDirectory()).getDirectoryHandle(GGUF_FOLDER);
    for await (const _name of folder.keys()) return true;
    return false;
  } catch (error) {
    // Never created: nothing stored. Anything else is unknown: let wllama look.
    return !(error instanceof DOMException && error.name === 'NotFoundError');
  }
}

/** The CPU path's GGUF files, under every source the reader may have used. */
export async function scanCachedGguf(current: ModelSource): Promise<SourcedReport[]> {
  if (!(await hasGgufFiles(globalThis.navigator?.storage))) return [];
  const { listCachedGguf } = await import('../cpu/gguf-cache');
  return listCachedGguf(sourcesToScan(current));
}
