/**
 * The browser's storage budget for the site, and asking it to keep downloaded models.
 *
 * Without persistence a browser may evict the site's caches when the disk runs low, and the
 * reader then downloads gigabytes again without knowing why; persist() asks it not to. Chromium
 * decides silently (site engagement, bookmarks, installed app), Firefox asks the reader, Safari
 * answers per its own rules — so the outcome is told to the reader either way.
 */

export interface StorageFigures {
  /** Bytes the site uses now (all of its storage, not only models). */
  usage: number;
  /** Bytes the browser would let the site use at most; an upper bound, not a promise. */
  quota: number;
}

type EstimatingStorage = Pick<StorageManager, 'estimate'>;
type PersistingStorage = Pick<StorageManager, 'persist' | 'persisted'>;

function browserStorage(): StorageManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** null when the browser does not say (old browsers, some private modes). */
export async function readStorageFigures(storage: EstimatingStorage | undefined = browserStorage()): Promise<StorageFigures | null> {
  if (storage?.estimate === undefined) return null;
  try {
    const { usage, quota } = await storage.estimate();
    return usage === undefined || quota === undefined ? null : { usage, quota };
  } catch {
    return null;
  }
}

export type PersistOutcome = 'granted' | 'already' | 'denied' | 'unsupported';

export async function requestPersistentStorage(
  storage: PersistingStorage | undefined = browserStorage(),
): Promise<PersistOutcome> {
  if (storage?.persist === undefined || storage.persisted === undefined) return 'unsupported';
  try {
    if (await storage.persisted()) return 'already';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'unsupported';
  }
}

export function describePersistOutcome(outcome: PersistOutcome): string {
  switch (outcome) {
    case 'granted':
      return '浏览器同意长期保存下载的模型：磁盘空间紧张时也不会自动清除它们（你仍可以随时在“本机已下载的模型”里删除）。';
    case 'already':
      return '浏览器已经在长期保存本站下载的模型，磁盘空间紧张时也不会自动清除。';
    case 'denied':
      return '浏览器没有同意长期保存：磁盘空间紧张时，它可能自动清除下载的模型，到时需要重新下载。把本站加入书签后再试，浏览器有时会同意。';
    case 'unsupported':
      return '这个浏览器不支持“长期保存”的请求：磁盘空间紧张时，下载的模型可能被自动清除，到时需要重新下载。';
  }
}

/**
 * For after a successful load: asks for persistence the first time a model landed in the cache
 * (when eviction would start to hurt), and returns the sentence for the reader; null otherwise.
 */
export async function persistIfFirstDownload(wasCachedBefore: boolean): Promise<string | null> {
  return wasCachedBefore ? null : describePersistOutcome(await requestPersistentStorage());
}
