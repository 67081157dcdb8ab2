/**
 * The reader's chosen model source, shared by every island on every page.
 *
 * Stored in localStorage in the same one-word form as the build setting ("hf-mirror", or a base
 * URL), validated on every read: a value from an older version, another script or a hand edit
 * falls back to the maintainer's default instead of breaking downloads. Changes reach islands in
 * this page through an in-page event, and other tabs through the `storage` event.
 */

import { readStorage, storageKey } from '../../lib/storage-key';
import { sourceAllowed } from './host-policy';
import {
  HF_MIRROR,
  HUGGING_FACE,
  parseModelSourceSetting,
  readSourceSetting,
  sameSource,
  sourceSetting,
  type ModelSource,
} from './model-source';
import { siteHostPolicy } from './site-policy';

/** Prefixed with the site's base path (lib/storage-key.ts). */
export const SOURCE_STORAGE_KEY = storageKey('model-source');
const CHANGE_EVENT = 'model-source-change';

/** What the site was built with (PUBLIC_MODEL_SOURCE, see docs/self-hosting.md). */
export function defaultModelSource(): ModelSource {
  const raw: unknown = import.meta.env.PUBLIC_MODEL_SOURCE;
  return parseModelSourceSetting(typeof raw === 'string' ? raw : undefined);
}

type ReadableStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
type WritableStorage = Pick<Storage, 'setItem' | 'removeItem'>;

function pageStorage(): Storage | null {
  try {
    // Throws in some private modes and when storage is disabled for the site.
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * A choice the browser refused to store (storage disabled, private mode) still applies until the
 * page is left; undefined when the stored value is authoritative.
 */
let unsavedChoice: { source: ModelSource | null } | undefined;

function storedText(storage: ReadableStorage | null): string | null {
  try {
    return storage === null ? null : readStorage(storage, 'model-source');
  } catch {
    return null;
  }
}

/** A stored setting that parses and that this build's allow-list still lets the engine use. */
function allowedStoredSource(stored: string | null): ModelSource | null {
  const source = readSourceSetting(stored);
  return source !== null && sourceAllowed(source, siteHostPolicy()) ? source : null;
}

/**
 * The reader's choice if valid and still allowed, else the build default. Checked on every read,
 * not only when typed: a value written by an older version of the site (whose list was by host),
 * another script or a hand edit must not reach the engine.
 */
export function currentModelSource(storage: ReadableStorage | null = pageStorage()): ModelSource {
  if (unsavedChoice !== undefined) return unsavedChoice.source ?? defaultModelSource();
  return allowedStoredSource(storedText(storage)) ?? defaultModelSource();
}

/** The stored setting when it is ignored because it no longer passes (for a warning); else null. */
export function refusedStoredSource(storage: ReadableStorage | null = pageStorage()): string | null {
  if (unsavedChoice !== undefined) return null;
  const stored = storedText(storage);
  return stored !== null && allowedStoredSource(stored) === null ? stored : null;
}

/**
 * Remembers the reader's choice (null = back to the site's default) and tells this page's
 * islands. Returns false when the browser would not store it; it then lasts for this page only.
 */
export function chooseModelSource(
  source: ModelSource | null,
  storage: WritableStorage | null = pageStorage(),
): boolean {
  let stored = false;
  try {
    if (storage !== null) {
      if (source === null) storage.removeItem(SOURCE_STORAGE_KEY);
      else storage.setItem(SOURCE_STORAGE_KEY, sourceSetting(source));
      stored = true;
    }
  } catch {
    stored = false;
  }
  unsavedChoice = stored ? undefined : { source };
  globalThis.dispatchEvent?.(new CustomEvent(CHANGE_EVENT));
  return stored;
}

/** Remembers `source` as the reader's choice; choosing the site's default stores no choice at all. */
export function switchModelSource(source: ModelSource): boolean {
  return chooseModelSource(sameSource(source, defaultModelSource()) ? null : source);
}

/**
 * The one other source worth offering after a download failed on `current`: the hf-mirror.com
 * mirror, or Hugging Face when the mirror is what failed; null when the site does not allow it.
 */
export function alternativeSource(current: ModelSource = currentModelSource()): ModelSource | null {
  const other = current.id === 'hf-mirror' ? HUGGING_FACE : HF_MIRROR;
  return sourceAllowed(other, siteHostPolicy()) ? other : null;
}

/** Calls `listener` with the new source whenever it changes, here or in another tab. */
export function onModelSourceChange(listener: (source: ModelSource) => void): () => void {
  const onLocal = () => listener(currentModelSource());
  const onStorage = (event: StorageEvent) => {
    // key is null when another tab cleared all of the site's storage.
    if (event.key === SOURCE_STORAGE_KEY || event.key === null) listener(currentModelSource());
  };
  window.addEventListener(CHANGE_EVENT, onLocal);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onLocal);
    window.removeEventListener('storage', onStorage);
  };
}
