/**
 * localStorage belongs to the origin, and a site published under a sub-path shares its origin
 * with every other site there (every project site on `<owner>.github.io`): an unprefixed `theme`
 * would be read and overwritten by all of them. So every key carries the site's base path, like
 * the caches already do ("/qwen-vs-llama3/theme"). Used at build time (the inline theme script)
 * and in the browser alike.
 */

import { withBase } from './url';

export function storageKey(name: string): string {
  return withBase(name);
}

type Storage3 = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The value stored under `name`, moving one left by a version that did not prefix its keys
 * (read once, then stored under the prefixed key). Throws when storage itself does (disabled).
 */
export function readStorage(storage: Storage3, name: string): string | null {
  const key = storageKey(name);
  const value = storage.getItem(key);
  if (value !== null || key === name) return value;
  const legacy = storage.getItem(name);
  if (legacy === null) return null;
  try {
    storage.setItem(key, legacy);
    storage.removeItem(name);
  } catch {
    // Full or read-only storage: the old key keeps the value, and it is read from there again.
  }
  return legacy;
}
