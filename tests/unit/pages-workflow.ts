// The GitHub Pages workflow as data, and the build environment it gives for a given answer of
// actions/configure-pages, so tests can check what each kind of Pages site would be built with.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export const workflowFile = '.github/workflows/pages.yml';
export const workflowText = () => readFileSync(workflowFile, 'utf8');

type Step = { id?: string; uses?: string; run?: string; env?: Record<string, string> };
export const buildSteps = (): Step[] => parse(workflowText()).jobs.build.steps;

/** The build step's environment with `${{ steps.pages.outputs.* }}` and `${{ vars.* }}` filled in. */
export function pagesBuildEnv(outputs: { origin: string; base_path: string }, vars: Record<string, string> = {}) {
  const step = buildSteps().find((s) => s.run === 'npm run build');
  if (!step?.env) throw new Error(`${workflowFile} has no "npm run build" step with an env`);
  const fill = (value: string) =>
    value.replace(/\$\{\{\s*(steps\.pages\.outputs|vars)\.(\w+)\s*\}\}/g, (_, scope: string, name: string) => {
      const source: Record<string, string> = scope === 'vars' ? vars : outputs;
      return source[name] ?? '';
    });
  return Object.fromEntries(Object.entries(step.env).map(([name, value]) => [name, fill(String(value))]));
}
