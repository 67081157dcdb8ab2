/**
 * scripts/models-mirror.mjs run as the maintainer runs it (a child process), against a local
 * server holding a small fake model in Hugging Face's layout.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';

const MODEL = 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC';
const LIB = 'Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm';
const SLOW_SHARD = 'params_shard_2.bin';

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

// The fake model: what the mirror must end up with, path relative to --out → content.
const shards = [randomBytes(64 * 1024), randomBytes(64 * 1024), randomBytes(512 * 1024)];
const files = new Map<string, Buffer>();
const folder = `${MODEL}/resolve/main`;
files.set(`${folder}/mlc-chat-config.json`, Buffer.from(JSON.stringify({ tokenizer_files: ['tokenizer.json', 'tokenizer_config.json'] })));
files.set(`${folder}/tokenizer.json`, Buffer.from(JSON.stringify({ model: { vocab: { a: 0 } } })));
files.set(`${folder}/tokenizer_config.json`, Buffer.from('{"bos_token":"<s>"}'));
files.set(
  `${folder}/tensor-cache.json`,
  Buffer.from(
    JSON.stringify({
      metadata: {},
      records: shards.map((data, i) => ({ dataPath: `params_shard_${i}.bin`, format: 'raw-shard', nbytes: data.length, records: [], md5sum: md5(data) })),
    }),
  ),
);
shards.forEach((data, i) => files.set(`${folder}/params_shard_${i}.bin`, data));
files.set(`libs/${LIB}`, Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), randomBytes(2048)]));

/** How the server misbehaves in a test. */
const server = {
  requests: [] as { file: string; range: string | undefined }[],
  slow: false,
  missing: new Set<string>(),
  corrupt: new Set<string>(),
};

let http: Server;
let base: string;

function contentFor(file: string): Buffer | undefined {
  const data = files.get(file);
  if (data === undefined || !server.corrupt.has(file)) return data;
  const copy = Buffer.from(data);
  copy[copy.length - 1]! ^= 0xff;
  return copy;
}

beforeAll(async () => {
  http = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    // Hugging Face's layout: /mlc-ai/<repo>/resolve/main/<file>; libraries under /libs/.
    const file = path.startsWith('/mlc-ai/') ? path.slice('/mlc-ai/'.length) : path.slice(1);
    server.requests.push({ file, range: request.headers.range });
    const data = server.missing.has(file) ? undefined : contentFor(file);
    if (data === undefined) {
      response.writeHead(404).end('not found');
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    if (start >= data.length && range) {
      response.writeHead(416, { 'content-range': `bytes */${data.length}` }).end();
      return;
    }
    const body = data.subarray(start);
    response.writeHead(range ? 206 : 200, {
      'content-length': body.length,
      'accept-ranges': 'bytes',
      ...(range ? { 'content-range': `bytes ${start}-${data.length - 1}/${data.length}` } : {}),
    });
    if (!(server.slow && file.endsWith(SLOW_SHARD))) {
      response.end(body);
      return;
    }
    // Slowly enough that the test can stop the command halfway.
    let offset = 0;
    const timer = setInterval(() => {
      if (response.destroyed || offset >= body.length) {
        clearInterval(timer);
        response.end();
        return;
      }
      response.write(body.subarray(offset, offset + 16 * 1024));
      offset += 16 * 1024;
    }, 40);
    response.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(() => new Promise<void>((done) => http.close(() => done())));

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'models-mirror-'));
  server.requests.length = 0;
  server.slow = false;
  server.missing.clear();
  server.corrupt.clear();
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stderr: string;
}

function mirror(extraArgs: string[] = [], onSpawn?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['scripts/models-mirror.mjs', MODEL, '--out', out, '--source', base, '--libs', `${base}/libs`, ...extraArgs],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (stderr += text));
    child.on('close', (code) => resolve({ code, stderr }));
    onSpawn?.(child);
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/')).sort();
}

async function expectCompleteMirror(): Promise<void> {
  const expected = [...files.keys(), 'SHA256SUMS'].sort();
  expect(await filesUnder(out)).toEqual(expected);
  for (const [path, data] of files) expect((await readFile(join(out, path))).equals(data), path).toBe(true);
  const sums = (await readFile(join(out, 'SHA256SUMS'), 'utf8')).trim().split('\n');
  expect(sums.sort()).toEqual([...files].map(([path, data]) => `${sha256(data)}  ${path}`).sort());
}

describe('npm run models:mirror', () => {
  test('downloads config, tokenizer files, manifest, every shard and the library, and records their SHA-256', async () => {
    const run = await mirror();
    expect(run.stderr).not.toMatch(/failed/);
    expect(run.code).toBe(0);
    await expectCompleteMirror();
    // Not a terminal here: plain progress lines with percent and speed.
    expect(run.stderr).toMatch(new RegExp(`${MODEL}/params_shard_2\\.bin: 100%  0\\.5 MB / 0\\.5 MB  [\\d.]+ MB/s  done`));
    expect(run.stderr).not.toContain('\r');
  }, 60_000);

  test('a second run verifies what is there and downloads nothing', async () => {
    expect((await mirror()).code).toBe(0);
    server.requests.length = 0;
    const run = await mirror();
    expect(run.code).toBe(0);
    expect(server.requests).toEqual([]);
    expect(run.stderr).toContain(`0 file(s) downloaded, ${files.size} already present and verified`);
  }, 60_000);

  test('a file changed on disk is noticed against SHA256SUMS and downloaded again', async () => {
    expect((await mirror()).code).toBe(0);
    await writeFile(join(out, folder, 'tokenizer.json'), '{"tampered":true}');
    server.requests.length = 0;
    const run = await mirror();
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('tokenizer.json: the copy on disk is not right');
    expect(server.requests.map((r) => r.file)).toEqual([`${folder}/tokenizer.json`]);
    await expectCompleteMirror();
  }, 60_000);

  test('killed halfway, it continues with a Range request, and no file under its final name was ever partial', async () => {
    server.slow = true;
    const part = join(out, folder, `${SLOW_SHARD}.part`);
    const killed = await mirror([], (child) => {
      const poll = setInterval(async () => {
        const size = existsSync(part) ? (await stat(part)).size : 0;
        if (size > 64 * 1024) {
          clearInterval(poll);
          child.kill('SIGKILL');
        }
      }, 20);
      child.on('close', () => clearInterval(poll));
    });
    expect(killed.code).toBeNull();
    const partSize = (await stat(part)).size;
    expect(partSize).toBeGreaterThan(0);
    expect(partSize).toBeLessThan(shards[2]!.length);
    expect(existsSync(join(out, folder, SLOW_SHARD))).toBe(false);
    // Whatever already has its final name is complete.
    for (const path of await filesUnder(out)) {
      if (path.endsWith('.part') || path === 'SHA256SUMS') continue;
      expect((await readFile(join(out, path))).equals(files.get(path)!), path).toBe(true);
    }

    server.slow = false;
    server.requests.length = 0;
    const resumed = await mirror();
    expect(resumed.code).toBe(0);
    expect(server.requests).toContainEqual({ file: `${folder}/${SLOW_SHARD}`, range: `bytes=${partSize}-` });
    // Files finished before the kill were not fetched again.
    expect(server.requests.map((r) => r.file)).not.toContain(`${folder}/params_shard_0.bin`);
    expect(resumed.stderr).toContain(`continuing at`);
    await expectCompleteMirror();
  }, 60_000);

  test('a shard that does not match its md5 in tensor-cache.json is refused with expected and actual', async () => {
    const shard = `${folder}/params_shard_1.bin`;
    server.corrupt.add(shard);
    const run = await mirror();
    expect(run.code).toBe(1);
    const actual = md5(contentFor(shard)!);
    expect(run.stderr).toContain(`${MODEL}/params_shard_1.bin: checksum mismatch (md5 from tensor-cache.json): expected ${md5(shards[1]!)}, got ${actual}`);
    expect(existsSync(join(out, shard))).toBe(false);
    expect(existsSync(join(out, `${shard}.part`))).toBe(false);
    expect(await readFile(join(out, 'SHA256SUMS'), 'utf8')).not.toContain('params_shard_1.bin');
  }, 60_000);

  test('a 404 names the file and the status', async () => {
    server.missing.add(`${folder}/tokenizer_config.json`);
    const run = await mirror();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${MODEL}/tokenizer_config.json: HTTP 404`);
    expect(run.stderr).toContain(`${base}/mlc-ai/${folder}/tokenizer_config.json`);
  }, 60_000);

  test('an unknown model id is a usage error', async () => {
    const child = spawn(process.execPath, ['scripts/models-mirror.mjs', 'Qwen9-1B-MLC', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (text: Buffer) => (stderr += text.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('unknown model id "Qwen9-1B-MLC"');
  }, 60_000);
});
