import { describe, expect, it } from 'vitest';
import { codeRegion } from '../../src/lib/code-region';

describe('codeRegion', () => {
  const source = [
    'const before = 1;',
    '  // #region example',
    '  const engine = new MLCEngine();',
    '  if (ok) {',
    '    run();',
    '  }',
    '  // #endregion example',
    'const after = 2;',
  ].join('\n');

  it('returns only the marked lines, de-indented', () => {
    expect(codeRegion(source, 'example')).toBe('const engine = new MLCEngine();\nif (ok) {\n  run();\n}');
  });

  it('fails loudly when the region is missing, so the article cannot silently show nothing', () => {
    expect(() => codeRegion(source, 'other')).toThrow(/other/);
  });
});
