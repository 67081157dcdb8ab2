import { describe, expect, it } from 'vitest';
import { MAX_SHARE_QUERY_BYTES, shareHref } from '../../src/playground/share/share-href';
import { SHARED_ROUND_KEYS, shareStateOf as roundState } from '../../src/playground/arena/share-url';
import { SHARED_KEYS, shareStateOf as tokenizerState } from '../../src/playground/tokenizer/url-state';

const ARENA = 'https://example.github.io/qwen-vs-llama3/playground/arena/';
const TOKENIZER = 'https://example.github.io/qwen-vs-llama3/playground/tokenizer/';
const queryBytes = (href: string) => new TextEncoder().encode(new URL(href).search).byteLength;

describe('share links are limited by encoded length, not characters', () => {
  it('a 2,000-character Chinese prompt (18 KB encoded) is left out of the arena link, and the link says so', () => {
    const prompt = '请'.repeat(2000);
    const { href, complete } = shareHref(ARENA, SHARED_ROUND_KEYS, roundState({ prompt, temperature: 0.7, qwen: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC' }));
    expect(complete).toBe(false);
    expect(queryBytes(href)).toBeLessThanOrEqual(MAX_SHARE_QUERY_BYTES);
    expect(new URL(href).searchParams.get('prompt')).toBeNull();
    expect(new URL(href).searchParams.get('temperature')).toBe('0.7');
  });

  it('the same for the tokenizer: 300 Chinese characters do not fit, 200 do', () => {
    const tooLong = shareHref(TOKENIZER, SHARED_KEYS, tokenizerState('中'.repeat(300), 'ids'));
    expect(tooLong.complete).toBe(false);
    expect(new URL(tooLong.href).searchParams.get('text')).toBeNull();
    expect(new URL(tooLong.href).searchParams.get('view')).toBe('ids');
    const fits = shareHref(TOKENIZER, SHARED_KEYS, tokenizerState('中'.repeat(200), 'spans'));
    expect(fits.complete).toBe(true);
    expect(new URL(fits.href).searchParams.get('text')).toBe('中'.repeat(200));
    expect(queryBytes(fits.href)).toBeLessThanOrEqual(MAX_SHARE_QUERY_BYTES);
  });

  it('ASCII text close to the limit goes in whole; one byte more and it is left out whole, never cut', () => {
    const fitting = 'a'.repeat(MAX_SHARE_QUERY_BYTES - 'text='.length);
    expect(shareHref(TOKENIZER, SHARED_KEYS, tokenizerState(fitting, 'spans'))).toMatchObject({ complete: true });
    const over = shareHref(TOKENIZER, SHARED_KEYS, tokenizerState(`${fitting}a`, 'spans'));
    expect(over.complete).toBe(false);
    expect(over.href).toBe(TOKENIZER);
  });

  it('keeps parameters and the fragment it does not own, replaces the ones it does', () => {
    const { href } = shareHref(`${TOKENIZER}?utm=x&text=old&view=ids#top`, SHARED_KEYS, tokenizerState('新', 'spans'));
    const url = new URL(href);
    expect(url.searchParams.get('utm')).toBe('x');
    expect(url.searchParams.get('text')).toBe('新');
    expect(url.searchParams.get('view')).toBeNull();
    expect(url.hash).toBe('#top');
  });
});
