/**
 * The GGUF files the CPU path keeps in this browser, for the cache manager. wllama stores each
 * downloaded file in the origin-private file system under a name made from its URL, and writes
 * the file's metadata (its URL and full size) only once the download has finished; a file without
 * it is a download that stopped part way, which the next load starts again.
 *
 * Loaded by a dynamic import only when that folder holds something (see downloads/scan.ts).
 */

import { CacheManager } from '@wllama/wllama';
import type { SourcedReport } from '../downloads/cache-summary';
import type { ModelSource } from '../sources/model-source';
import { GGUF_BUILDS, type GgufBuild } from './gguf-catalogue';
import { ggufUrl } from './gguf-url';

export async function listCachedGguf(sources: readonly ModelSource[]): Promise<SourcedReport[]> {
  const manager = new CacheManager();
  const entries = await manager.list();
  const found: SourcedReport[] = [];
  for (const source of sources) {
    for (const build of GGUF_BUILDS) {
      const url = ggufUrl(build, source);
      const name = await manager.getNameFromURL(url);
      const entry = entries.find((candidate) => candidate.name === name);
      if (entry === undefined) continue;
      const complete = entry.metadata.originalURL === url && entry.metadata.originalSize === entry.size;
      found.push({
        source,
        report: { modelId: build.id, complete, files: [{ url, cache: 'wllama', bytes: entry.size }], missingShards: 0 },
      });
    }
  }
  return found;
}

/** Deletes the build's file (and its metadata) as downloaded from this source. */
export async function deleteCachedGguf(build: GgufBuild, source: ModelSource): Promise<void> {
  await new CacheManager().delete(ggufUrl(build, source));
}
