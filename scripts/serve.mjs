// A small static server for the built site: serves dist/ under the configured base path, the way
// a static host does (directory index, 404 page, correct MIME types for .wasm and .json, the
// response headers of the build's _headers file, gzip for text, byte ranges for everything else).
const usage = `Usage: npm run serve -- [--dir dist] [--base /sub/] [--port 4321]
  --dir   the built site to serve (default dist)
  --base  the sub-path it was built for (default: BASE_PATH, else /)
  --port  the port on 127.0.0.1 (default: PORT, else 4321; 0 picks a free one)`;
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { basePath, previewHost, previewPort } from '../site.config.mjs';
import { headersFor, parseHeaders } from './publish/headers.mjs';
import { servedFile } from './site-files.mjs';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

// Hosts compress text on the fly; fonts, images and wasm are either compressed already or not
// worth it here.
const compressible = /^(text\/|application\/(json|javascript|manifest\+json|xml)|image\/svg)/;

export function startServer({ dir = 'dist', base = basePath(), host = previewHost, port = previewPort } = {}) {
  const root = resolve(dir);
  const prefix = basePath(base);
  const headerFile = join(root, '_headers');
  const rules = existsSync(headerFile) ? parseHeaders(readFileSync(headerFile, 'utf8')) : [];

  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (prefix !== '/' && pathname === prefix.slice(0, -1)) {
      response.writeHead(301, { location: prefix }).end();
      return;
    }
    let file;
    try {
      file = servedFile(root, prefix, pathname);
    } catch {
      file = null; // malformed percent-encoding: treat as not found
    }
    const status = file ? 200 : 404;
    file ??= join(root, '404.html');
    if (!existsSync(file)) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const headers = {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      ...headersFor(rules, pathname),
    };
    const size = statSync(file).size;
    const range = status === 200 ? byteRange(request.headers.range, size) : undefined;
    // Hosts compress text when the reader accepts it, and then ignore Range; anything else is sent
    // as it is, in part when asked (resumed model downloads, media).
    const gzip = !range && compressible.test(headers['content-type']) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    if (gzip) {
      Object.assign(headers, { 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    } else {
      headers['accept-ranges'] = 'bytes';
    }
    if (range === null) {
      response.writeHead(416, { ...headers, 'content-range': `bytes */${size}` }).end();
      return;
    }
    if (range) {
      headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
      headers['content-length'] = range.end - range.start + 1;
    } else if (!gzip) {
      headers['content-length'] = size;
    }
    response.writeHead(range ? 206 : status, headers);
    if (request.method === 'HEAD') response.end();
    else if (gzip) createReadStream(file).pipe(createGzip()).pipe(response);
    else createReadStream(file, range ? { start: range.start, end: range.end } : {}).pipe(response);
  });

  return new Promise((resolveListening, rejectListening) => {
    server.once('error', rejectListening);
    server.listen(port, host, () => {
      server.off('error', rejectListening);
      resolveListening(server);
    });
  });
}

/**
 * A single `Range: bytes=…` request header as inclusive offsets: undefined when there is none
 * (or it asks for several ranges, answered with the whole file, as RFC 9110 allows), null when
 * it cannot be satisfied (answered 416).
 */
export function byteRange(header, size) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 || size === 0 ? null : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || end < start ? null : { start, end };
}

/** The command line: one line on stderr and exit status 1 (2 for bad usage) instead of a stack. */
async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { dir: { type: 'string' }, base: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    console.error(`${error.message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const options = { dir: values.dir, base: values.base, port: values.port === undefined ? undefined : Number(values.port) };
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  const dir = options.dir ?? 'dist';
  if (!existsSync(join(dir, 'index.html')) && !existsSync(join(dir, '_headers'))) {
    console.error(`Nothing to serve in ${dir}/: build the site first (npm run build), or pass --dir.`);
    process.exit(1);
  }
  try {
    const server = await startServer(options);
    const address = server.address();
    console.log(`Serving ${dir} at http://${address.address}:${address.port}${basePath(options.base)}`);
  } catch (error) {
    const port = options.port ?? previewPort;
    const reason =
      error.code === 'EADDRINUSE' ? `port ${port} is in use (another server?); choose another with PORT=<n> or --port <n>` : error.message;
    console.error(`Cannot serve ${dir}: ${reason}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
