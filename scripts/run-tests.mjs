// `npm test`: type check, Vitest (unit + in-browser), then Playwright against the built site.
// Every group runs even if an earlier one fails, so one report shows everything that is broken;
// the last line totals Vitest and Playwright from their JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const reports = { vitest: '.reports/vitest.json', playwright: '.reports/playwright.json' };
for (const file of Object.values(reports)) rmSync(file, { force: true });

const npx = (args) => spawnSync('npx', args, { stdio: 'inherit', env: process.env }).status ?? 1;
const steps = [
  ['type check', ['astro', 'check']],
  ['vitest', ['vitest', 'run']],
  ['playwright', ['playwright', 'test']],
];

const failedSteps = [];
for (const [name, args] of steps) {
  console.log(`\n── ${name}: npx ${args.join(' ')}`);
  if (npx(args) !== 0) failedSteps.push(name);
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

const vitest = readJson(reports.vitest);
const playwright = readJson(reports.playwright);
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);

/** Failing tests by name with the first line of their error, so the end of a CI log says what broke. */
function failures() {
  const lines = [];
  const firstLine = (text = '') => text.replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n')[0];
  for (const file of vitest?.testResults ?? []) {
    for (const result of file.assertionResults ?? []) {
      if (result.status === 'failed') lines.push(`vitest  ${result.fullName}: ${firstLine(result.failureMessages?.[0])}`);
    }
  }
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const run of spec.tests ?? []) {
        if (run.status !== 'unexpected') continue;
        const error = run.results?.at(-1)?.error?.message;
        lines.push(`playwright  [${run.projectName}] ${[...titles, spec.title].join(' › ')}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of playwright?.suites ?? []) walk(suite, [suite.title]);
  return lines;
}

const failing = failures();
if (failing.length) console.log(`\nFailing tests:\n${failing.map((line) => `  ${line}`).join('\n')}`);
if (!vitest) failedSteps.push('vitest report missing');
if (!playwright) failedSteps.push('playwright report missing');
if (failedSteps.length) console.log(`\nFailed: ${[...new Set(failedSteps)].join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps.length || failed ? 1 : 0);
