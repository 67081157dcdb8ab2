// The benches' output in a log or a pipe: the figures without the colour codes of the tools they run.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

// A bench-like script that runs a tool which colours its output whatever NO_COLOR says (as Vite's
// bundler does), through runShown.
const bench = `
  import { runShown } from './scripts/plain-output.mjs';
  runShown(process.execPath, ['-e', "process.stdout.write('\\\\x1b[33m[WARN]\\\\x1b[0m build done\\\\n')"]);
`;

describe('bench output off a terminal', () => {
  test('a tool’s colour codes are removed, its text kept', () => {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', bench], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('[WARN] build done\n');
  });

  test('the tools are asked for no colour', () => {
    const script = `import { childEnv } from './scripts/plain-output.mjs'; console.log(JSON.stringify(childEnv({ FORCE_COLOR: '1', PATH: 'x' })));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(result.stdout)).toEqual({ PATH: 'x', NO_COLOR: '1' });
  });
});
