import { describe, expect, it } from 'vitest';
import { readStorage, storageKey } from '../../src/lib/storage-key';
import { currentModelSource, SOURCE_STORAGE_KEY } from '../../src/playground/sources/source-store';
import { HF_MIRROR } from '../../src/playground/sources/model-source';
import { memoryStorage } from '../fixtures/memory-storage';

describe('storage keys carry the base path', () => {
  it('prefixes names with the base path, so sites sharing an origin do not share keys', () => {
    expect(storageKey('theme')).toBe(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}theme`);
    expect(storageKey('theme')).not.toBe('theme');
    expect(SOURCE_STORAGE_KEY).toBe(storageKey('model-source'));
  });

  it('moves a value left under the old unprefixed key, once', () => {
    const storage = memoryStorage({ theme: 'dark' });
    expect(readStorage(storage, 'theme')).toBe('dark');
    expect(storage.values.get(storageKey('theme'))).toBe('dark');
    expect(storage.values.has('theme')).toBe(false);
  });

  it('a prefixed value wins over an old one (another site on the origin may still use the bare key)', () => {
    const storage = memoryStorage({ theme: 'light', [storageKey('theme')]: 'dark' });
    expect(readStorage(storage, 'theme')).toBe('dark');
    expect(storage.values.get('theme')).toBe('light');
  });

  it('storage that refuses writes still yields the old value', () => {
    const storage = { ...memoryStorage({ theme: 'dark' }), setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(readStorage(storage, 'theme')).toBe('dark');
  });

  it('the stored model source moves to the prefixed key', () => {
    const storage = memoryStorage({ 'model-source': 'hf-mirror' });
    expect(currentModelSource(storage)).toEqual(HF_MIRROR);
    expect(storage.values.get(SOURCE_STORAGE_KEY)).toBe('hf-mirror');
    expect(storage.values.has('model-source')).toBe(false);
  });
});
