/**
 * What the download views need from an engine. WorkerChatEngine provides all of it; islands pass
 * the engine they already have.
 */

import type { ChatEngine, ModelSourceOptions } from '../engine/chat-engine';
import type { CachedModelReport } from '../engine/cache-inspection';

export interface ModelCacheEngine extends Pick<ChatEngine, 'load' | 'unload' | 'isCached' | 'deleteCached'> {
  listCached(modelIds: readonly string[], options?: ModelSourceOptions): Promise<CachedModelReport[]>;
}
