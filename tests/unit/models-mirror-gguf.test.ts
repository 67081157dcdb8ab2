/**
 * scripts/models-mirror.mjs copying a GGUF build (the CPU path's models), run for real against a
 * local source in Hugging Face's layout: the file lands where the CPU path asks a self-hosted
 * source for it, and a source that lies about it (no Git LFS pointer, a file that never ends, a
 * file that is not the one the pointer names) gets nothing written.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startServer } from '../../scripts/serve.mjs';
import { sendEndlessBody } from '../fixtures/endless-response';
import { findGgufBuild } from '../../src/playground/cpu/gguf-catalogue';
import { ggufUrl } from '../../src/playground/cpu/gguf-url';
import { customSource } from '../../src/playground/sources/model-source';

const BUILD = findGgufBuild('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF')!;
const FILE = randomBytes(256 * 1024);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const pointerOf = (data: Buffer) => `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(data)}\nsize ${data.length}\n`;

/** What the source answers, by path; a function streams its own body. */
type Answer = string | Buffer | ((response: ServerResponse) => void);
const answers = new Map<string, Answer>();
const rawPath = `/${BUILD.repo}/raw/main/${BUILD.file}`;
const filePath = `/${BUILD.repo}/resolve/main/${BUILD.file}`;

let http: Server;
let source: string;
const servers: Server[] = [];
beforeAll(async () => {
  http = createServer((request, response) => {
    const answer = answers.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (answer === undefined) response.writeHead(404).end('not found');
    else if (typeof answer === 'function') answer(response);
    else response.writeHead(200).end(answer);
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  source = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const server of [http, ...servers]) await new Promise<void>((done) => server.close(() => done()));
});

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'models-mirror-gguf-'));
  answers.clear();
  answers.set(rawPath, pointerOf(FILE));
  answers.set(filePath, FILE);
});
afterEach(() => rm(out, { recursive: true, force: true }));

function mirror(id = BUILD.id): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/models-mirror.mjs', id, '--out', out, '--source', source], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/')).sort();
}

const REL = `gguf/${BUILD.repo}/${BUILD.file}`;

describe('npm run models:mirror with a GGUF build', () => {
  test('copies the file to gguf/<owner>/<repo>/, records its SHA-256, and a host serving the folder answers the CPU path’s request', async () => {
    const run = await mirror();
    expect(run.stderr).not.toMatch(/failed/);
    expect(run.code).toBe(0);
    expect(await filesUnder(out)).toEqual(['SHA256SUMS', REL]);
    expect(await readFile(join(out, 'SHA256SUMS'), 'utf8')).toBe(`${sha256(FILE)}  ${REL}\n`);

    // Published under a sub-path, as PUBLIC_MODEL_SOURCE names it.
    const host = await startServer({ dir: out, base: '/models/', port: 0 });
    servers.push(host);
    const url = ggufUrl(BUILD, customSource(`http://127.0.0.1:${(host.address() as AddressInfo).port}/models/`));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(FILE)).toBe(true);
  }, 60_000);

  test('a source without a Git LFS pointer for the file is refused before anything is written', async () => {
    answers.set(rawPath, '<!doctype html><title>Just a moment…</title>');
    const run = await mirror();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${BUILD.repo}/${BUILD.file} (Git LFS pointer): not a Git LFS pointer`);
    expect(await filesUnder(out)).toEqual([]);
  }, 60_000);

  test('a file that keeps coming past the size its pointer declares is cut off and not kept', async () => {
    let endless = { sent: () => 0 };
    answers.set(filePath, (response) => {
      endless = sendEndlessBody(response);
    });
    const run = await mirror();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the server sent more than the ${FILE.length} bytes its Git LFS pointer declares`);
    expect(await filesUnder(out)).toEqual([]);
    expect(endless.sent()).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);

  test('a file of the right size that is not the one the pointer names is refused and not kept', async () => {
    answers.set(filePath, randomBytes(FILE.length));
    const run = await mirror();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('checksum mismatch (SHA-256 from the Git LFS pointer)');
    expect(await filesUnder(out)).toEqual([]);
  }, 60_000);

  test('an unknown GGUF build id names the known ones', async () => {
    const run = await mirror('Qwen9-99B-Q4_K_M-GGUF');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`unknown GGUF build "Qwen9-99B-Q4_K_M-GGUF"`);
    expect(run.stderr).toContain(BUILD.id);
  }, 60_000);
});
