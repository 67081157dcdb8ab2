import { describe, expect, test } from 'vitest';
import { readInitProgress } from '../../src/playground/engine/load-progress';

describe("how the worker reads web-llm's progress lines", () => {
  const notCached = { weightsCached: false };
  test('download, with MB from the text until the exact total is known', () => {
    const line = 'Fetching param cache[3/24]: 120MB fetched. 12% completed, 5 secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.';
    expect(readInitProgress({ progress: 0.12, text: line }, notCached)).toEqual({
      phase: 'download',
      fraction: 0.12,
      loadedBytes: 120 * 1024 ** 2,
      text: line,
    });
    expect(readInitProgress({ progress: 0.5, text: line }, { weightsCached: false, totalWeightBytes: 1000 })).toMatchObject({
      loadedBytes: 500,
      totalBytes: 1000,
    });
  });

  test('cache, compile, finish, and the ambiguous start line', () => {
    expect(readInitProgress({ progress: 0.4, text: 'Loading model from cache[2/5]: 80MB loaded. 40% completed, 1 secs elapsed.' }, notCached).phase).toBe('cache');
    expect(readInitProgress({ progress: 0.3, text: 'Loading GPU shader modules[30/100]: 30% completed, 2 secs elapsed.' }, notCached)).toEqual({
      phase: 'compile',
      fraction: 0.3,
      text: 'Loading GPU shader modules[30/100]: 30% completed, 2 secs elapsed.',
    });
    expect(readInitProgress({ progress: 1, text: 'Finish loading on WebGPU - swiftshader' }, notCached).phase).toBe('other');
    expect(readInitProgress({ progress: 0, text: 'Start to fetch params' }, notCached).phase).toBe('download');
    expect(readInitProgress({ progress: 0, text: 'Start to fetch params' }, { weightsCached: true }).phase).toBe('cache');
  });

  test('fractions are clamped and NaN becomes 0', () => {
    expect(readInitProgress({ progress: Number.NaN, text: 'Start to fetch params' }, notCached).fraction).toBe(0);
    expect(readInitProgress({ progress: 1.2, text: 'x' }, notCached).fraction).toBe(1);
  });
});
