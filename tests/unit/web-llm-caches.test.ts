import { describe, expect, it } from 'vitest';
import { hasWebLlmCaches } from '../../src/playground/downloads/scan';

describe('hasWebLlmCaches', () => {
  it('is false without any web-llm cache, so the worker need not start', async () => {
    expect(await hasWebLlmCaches({ keys: async () => ['site-pages-v3'] })).toBe(false);
    expect(await hasWebLlmCaches(undefined)).toBe(false);
  });

  it('is true once web-llm wrote a cache', async () => {
    expect(await hasWebLlmCaches({ keys: async () => ['webllm/config'] })).toBe(true);
  });

  it('lets the engine look when the browser refuses to say', async () => {
    expect(await hasWebLlmCaches({ keys: async () => Promise.reject(new Error('SecurityError')) })).toBe(true);
  });
});
