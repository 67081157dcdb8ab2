// The local server (`npm run serve`, the bench and the end-to-end tests use it): byte ranges as
// the self-hosting docs require of model hosts, and one clear line when it cannot start.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { byteRange, startServer } from '../../scripts/serve.mjs';

const dir = mkdtempSync(join(tmpdir(), 'serve-'));
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
let server: Server;
let origin: string;

beforeAll(async () => {
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>home</title>');
  writeFileSync(join(dir, 'params_shard_0.bin'), bytes);
  writeFileSync(join(dir, 'notes.txt'), 'text '.repeat(200));
  server = await startServer({ dir, base: '/', port: 0 });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('byteRange', () => {
  test('reads the forms clients send', () => {
    expect(byteRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(byteRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRange('bytes=990-2000', 1000)).toEqual({ start: 990, end: 999 });
  });

  test('no range, several ranges or another unit: the whole file; past the end: unsatisfiable', () => {
    expect(byteRange(undefined, 1000)).toBeUndefined();
    expect(byteRange('bytes=0-1,5-9', 1000)).toBeUndefined();
    expect(byteRange('items=0-1', 1000)).toBeUndefined();
    expect(byteRange('bytes=1000-', 1000)).toBeNull();
    expect(byteRange('bytes=5-2', 1000)).toBeNull();
  });
});

describe('served over HTTP', () => {
  test('a Range request gets 206 with exactly those bytes', async () => {
    const response = await fetch(`${origin}/params_shard_0.bin`, { headers: { range: 'bytes=100-199' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(response.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes.subarray(100, 200));
  });

  test('a resumed download (open-ended range) gets the rest of the file', async () => {
    const response = await fetch(`${origin}/params_shard_0.bin`, { headers: { range: 'bytes=600-' } });
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes.subarray(600));
  });

  test('without Range: the whole file, announcing that ranges work', async () => {
    const response = await fetch(`${origin}/params_shard_0.bin`);
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect((await response.arrayBuffer()).byteLength).toBe(1000);
  });

  test('a range past the end is 416 with the size', async () => {
    const response = await fetch(`${origin}/params_shard_0.bin`, { headers: { range: 'bytes=5000-' } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */1000');
  });

  test('text asked for in part is sent uncompressed, in part', async () => {
    const response = await fetch(`${origin}/notes.txt`, { headers: { range: 'bytes=0-9', 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toBe('text text ');
  });
});

describe('npm run serve from the command line', () => {
  const serve = (...args: string[]) =>
    spawnSync(process.execPath, ['scripts/serve.mjs', ...args], { encoding: 'utf8', timeout: 30_000 });

  test('a busy port gives one line naming the port and how to choose another, not a stack trace', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    const result = serve('--dir', dir, '--port', String(port));
    busy.close();
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`Cannot serve ${dir}: port ${port} is in use (another server?); choose another with PORT=<n> or --port <n>`);
  });

  test('an unknown option prints the usage, which names every option', () => {
    const result = serve('--prot', '1');
    expect(result.status).toBe(2);
    for (const option of ['--dir', '--base', '--port', 'PORT', 'BASE_PATH']) expect(result.stderr).toContain(option);
  });

  test('a folder with no build says to build first', () => {
    const result = serve('--dir', mkdtempSync(join(tmpdir(), 'empty-')), '--port', '0');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('build the site first');
  });
});
