/**
 * scripts/models-mirror.mjs run for real (a child process) against a local source that lies: file
 * names that climb out of --out, symbolic links planted in --out, a shard that never ends,
 * malformed records and plain-http sources. Nothing may be written outside --out, nothing at all
 * when a name is refused, and every failure is the command's own message.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { sendEndlessBody } from '../fixtures/endless-response';

const MODEL = 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC';
const FOLDER = `${MODEL}/resolve/main`;
const SENTINEL = 'do not touch\n';

/** What the source answers, by path below /mlc-ai/ (or /libs/…); a function streams its own body. */
type Answer = string | ((response: import('node:http').ServerResponse) => void);
const answers = new Map<string, Answer>();

function serveModel({ tokenizerFiles = ['tokenizer.json'], records = [] as unknown[], config = undefined as unknown } = {}) {
  answers.clear();
  answers.set(`${FOLDER}/mlc-chat-config.json`, JSON.stringify(config ?? { tokenizer_files: tokenizerFiles }));
  answers.set(`${FOLDER}/tokenizer.json`, '{}');
  answers.set(`${FOLDER}/tensor-cache.json`, JSON.stringify({ metadata: {}, records }));
}

let http: Server;
let base: string;
beforeAll(async () => {
  http = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const answer = answers.get(path.startsWith('/mlc-ai/') ? path.slice('/mlc-ai/'.length) : path.slice(1));
    if (answer === undefined) response.writeHead(404).end('not found');
    else if (typeof answer === 'string') response.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    else answer(response);
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(() => new Promise<void>((done) => http.close(() => done())));

/** parent/ holds out/ (the mirror) and sentinel.txt beside it. */
let parent: string;
let out: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'models-mirror-hostile-'));
  out = join(parent, 'out');
  await mkdir(out);
  await writeFile(join(parent, 'sentinel.txt'), SENTINEL);
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function mirror(args: string[] = ['--source', base, '--libs', `${base}/libs`]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/models-mirror.mjs', MODEL, '--out', out, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => join(e.parentPath, e.name));
}

async function expectNothingWritten(): Promise<void> {
  expect(await readFile(join(parent, 'sentinel.txt'), 'utf8')).toBe(SENTINEL);
  expect((await readdir(parent)).sort()).toEqual(['out', 'sentinel.txt']);
  expect(await filesIn(out)).toEqual([]);
}

const shard = (dataPath: unknown, nbytes: unknown = 2) => ({ dataPath, nbytes, format: 'raw-shard', records: [] });

describe('models:mirror against a hostile source', () => {
  test.each([
    ['a relative climb', '../../../../sentinel.txt'],
    ['an absolute path', '/tmp/evil.bin'],
    ['a backslash path', '..\\..\\..\\..\\sentinel.txt'],
    ['a sub-folder', 'nested/params_shard_0.bin'],
    ['a hidden name', '.profile'],
  ])('a shard named with %s is refused before anything is written', async (_, name) => {
    serveModel({ records: [shard('params_shard_0.bin'), shard(name)] });
    answers.set(`${FOLDER}/params_shard_0.bin`, 'ok');
    const run = await mirror();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${MODEL}/tensor-cache.json: records[1].dataPath: ${JSON.stringify(name)} is not a plain file name`);
    expect(run.stderr).toContain('nothing was written');
    await expectNothingWritten();
  }, 30_000);

  test('a tokenizer file that climbs out of --out is refused and the file beside --out is untouched', async () => {
    serveModel({ tokenizerFiles: ['tokenizer.json', '../../../../sentinel.txt'] });
    answers.set('sentinel.txt', 'overwritten');
    const run = await mirror();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${MODEL}/mlc-chat-config.json: tokenizer_files[1]: "../../../../sentinel.txt" is not a plain file name`);
    await expectNothingWritten();
  }, 30_000);

  test('a symbolic link planted in --out that leads outside is not followed', async () => {
    serveModel({ records: [shard('params_shard_0.bin')] });
    answers.set(`${FOLDER}/params_shard_0.bin`, 'ok');
    const elsewhere = join(parent, 'elsewhere');
    await mkdir(elsewhere);
    await mkdir(join(out, MODEL), { recursive: true });
    await symlink(elsewhere, join(out, MODEL, 'resolve'));
    const run = await mirror();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/its folder leads outside .* through a symbolic link/);
    expect(await readdir(elsewhere)).toEqual([]);
  }, 30_000);

  test('a shard that keeps coming past its declared size is cut off and not kept', async () => {
    serveModel({ records: [shard('params_shard_0.bin', 10)] });
    let endless = { sent: () => 0 };
    answers.set(`${FOLDER}/params_shard_0.bin`, (response) => {
      endless = sendEndlessBody(response);
    });
    const run = await mirror();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${MODEL}/params_shard_0.bin: the server sent more than the 10 bytes tensor-cache.json declares`);
    expect(await filesIn(out)).not.toContain(join(out, FOLDER, 'params_shard_0.bin'));
    const part = join(out, FOLDER, 'params_shard_0.bin.part');
    await expect(stat(part)).rejects.toThrow(/ENOENT/);
    expect(endless.sent()).toBeLessThan(64 * 1024 * 1024);
  }, 30_000);

  test.each([
    ['a null record', { records: [null] }, 'records[0]: expected a shard record, got null'],
    ['a number as path', { records: [shard(5)] }, 'records[0].dataPath: expected a file name, got 5'],
    ['a negative size', { records: [shard('params_shard_0.bin', -1)] }, 'records[0].nbytes: expected a size in bytes, got -1'],
    ['a tokenizer list of nulls', { tokenizerFiles: [null as unknown as string] }, 'tokenizer_files[0]: expected a file name, got null'],
    ['a config that is null', { config: null as unknown }, 'mlc-chat-config.json: expected a JSON object, got null'],
  ])('%s is the command’s own error, not a stack trace', async (_, model, message) => {
    serveModel(model as Parameters<typeof serveModel>[0]);
    if ('config' in model) answers.set(`${FOLDER}/mlc-chat-config.json`, 'null');
    const run = await mirror();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`models:mirror failed: ${MODEL}/`);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/TypeError|\n\s+at /);
    await expectNothingWritten();
  }, 30_000);

  test('a plain-http source that is not this machine is refused before any request', async () => {
    const run = await mirror(['--source', 'http://models.example.com', '--libs', `${base}/libs`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--source must be https://');
    await expectNothingWritten();
  }, 30_000);

  test('a redirect to plain http elsewhere is not followed', async () => {
    serveModel();
    answers.set(`${FOLDER}/mlc-chat-config.json`, (response) => {
      response.writeHead(302, { location: 'http://models.example.com/evil.json' }).end();
    });
    const run = await mirror();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('redirects to http://models.example.com/evil.json, which is not https; refused');
    await expectNothingWritten();
  }, 30_000);

  test('--help explains usage, options and examples on stdout', async () => {
    const run = await mirror(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run models:mirror -- <model id>\.\.\./);
    for (const option of ['--out <folder>', '--source <URL>', '--libs <URL>', '-h, --help']) expect(run.stdout).toContain(option);
    expect(run.stdout).toContain('Examples:\n  npm run models:mirror -- Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
  }, 30_000);
});
