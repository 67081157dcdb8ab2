// _headers must fit the hosts' limits, or Cloudflare Pages drops rules without a word. The build
// refuses such a file (overHostLimits); host-builds.test.ts checks that real builds keep headroom.
import { describe, expect, test } from 'vitest';
import { headerLine, hostLimits, overHostLimits } from '../../scripts/publish/headers.mjs';

type Rule = { path: string; headers: [string, string][] };
const rule = (path: string, value: string): Rule => ({ path, headers: [['Content-Security-Policy', value]] });
const valueOfLength = (line: number) => 'x'.repeat(line - headerLine(['Content-Security-Policy', '']).length);

describe('the hosts’ limits on _headers', () => {
  test('a header line of exactly 2,000 characters fits; one more does not', () => {
    expect(headerLine(['Content-Security-Policy', valueOfLength(2000)]).length).toBe(2000);
    expect(overHostLimits([rule('/*', valueOfLength(2000))])).toEqual([]);
    expect(overHostLimits([rule('/*', valueOfLength(2001))])).toEqual([
      '/* Content-Security-Policy is 2001 characters (Cloudflare Pages reads 2000)',
    ]);
  });

  test('100 rules fit; 101 do not', () => {
    const rules = (count: number) => Array.from({ length: count }, (_, i) => rule(`/page-${i}/`, 'no-cache'));
    expect(overHostLimits(rules(hostLimits.rules))).toEqual([]);
    expect(overHostLimits(rules(hostLimits.rules + 1))).toEqual(['101 rules (Cloudflare Pages reads 100)']);
  });
});
