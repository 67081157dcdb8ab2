// A small static server for the built site: serves dist/ under the configured base path, the way
// a static host does (directory index, 404 page, correct MIME types for .wasm and .json, the
// response headers of the build's _headers file, gzip for text).
// Usage: node scripts/serve.mjs [--dir dist] [--base /sub/] [--port 4321]
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { basePath, previewHost, previewPort } from '../site.config.mjs';
import { headersFor, parseHeaders } from './publish/headers.mjs';

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

  function fileFor(pathname) {
    if (!pathname.startsWith(prefix)) return null;
    const relative = decodeURIComponent(pathname.slice(prefix.length));
    const candidate = normalize(join(root, relative));
    if (candidate !== root && !candidate.startsWith(root + sep)) return null;
    if (candidate === headerFile) return null; // instructions for the host, not a page
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const index = join(candidate, 'index.html');
    if (existsSync(index)) return index;
    return null;
  }

  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (prefix !== '/' && pathname === prefix.slice(0, -1)) {
      response.writeHead(301, { location: prefix }).end();
      return;
    }
    let file;
    try {
      file = fileFor(pathname);
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
    const gzip = compressible.test(headers['content-type']) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    if (gzip) Object.assign(headers, { 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    else headers['content-length'] = statSync(file).size;
    response.writeHead(status, headers);
    if (request.method === 'HEAD') response.end();
    else if (gzip) createReadStream(file).pipe(createGzip()).pipe(response);
    else createReadStream(file).pipe(response);
  });

  return new Promise((resolveListening) => {
    server.listen(port, host, () => resolveListening(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { dir: { type: 'string' }, base: { type: 'string' }, port: { type: 'string' } },
  });
  const options = { dir: values.dir, base: values.base, port: values.port ? Number(values.port) : undefined };
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  const server = await startServer(options);
  const address = server.address();
  console.log(`Serving ${options.dir ?? 'dist'} at http://${address.address}:${address.port}${basePath(options.base)}`);
}
