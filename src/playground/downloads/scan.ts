/**
 * Everything the browser holds of the catalogue's models. Files fetched through another source
 * sit under other URLs, invisible to the current source's checks, so the presets are asked
 * about too: switching to the mirror must not leave gigabytes of Hugging Face files unseen.
 */

import { HF_MIRROR, HUGGING_FACE, sameSource, type ModelSource } from '../sources/model-source';
import type { SourcedReport } from './cache-summary';
import type { ModelCacheEngine } from './model-cache-engine';

export async function scanCachedModels(
  engine: Pick<ModelCacheEngine, 'listCached'>,
  modelIds: readonly string[],
  current: ModelSource,
): Promise<SourcedReport[]> {
  const sources = [current, ...[HUGGING_FACE, HF_MIRROR].filter((preset) => !sameSource(preset, current))];
  const found: SourcedReport[] = [];
  for (const source of sources) {
    for (const report of await engine.listCached(modelIds, { source })) found.push({ source, report });
  }
  return found;
}
