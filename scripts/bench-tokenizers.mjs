// `npm run bench:tokenizers`: tokens per second for the Qwen and Llama 3 tokenizers on the whole
// article, cold (read and parse tokenizer.json, build the tokenizer, tokenize once, in a fresh
// process) and warm (median of repeated runs), for the implementation the site uses (tokenizers.js)
// and for the one it was compared with (Hugging Face's Rust tokenizers in wasm, @mlc-ai/web-tokenizers).
// Also the bytes each implementation adds to what a reader downloads. Figures are printed, never asserted.
// With --browser the same runs also happen in headless Chromium (a fresh page each), where the island runs.
// With --write-docs the tables in docs/tokenizers.md are replaced by this run's (the docs quote no
// figure by hand).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { writeBlock } from './docs-block.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { FAMILIES, FAMILY_INFO } = await import('../src/playground/tokenizer/families.ts');
const IMPLEMENTATIONS = ['tokenizers.js', 'web-tokenizers'];
const WARM_RUNS = 15;

async function articleText() {
  const { articleSectionsFromFiles } = await import('../src/lib/article-files.ts');
  return articleSectionsFromFiles()
    .map((section) => section.text)
    .join('\n\n');
}

/** One implementation and one family, measured in this (fresh) process. */
async function measure(implementation, family) {
  const { tokenizerJsonPath, loadWebTokenizers } = await import('../src/playground/tokenizer/node-files.ts');
  const text = await articleText();
  const started = performance.now();
  let encode;
  if (implementation === 'tokenizers.js') {
    const { createTokenizer } = await import('../src/playground/tokenizer/engine.ts');
    const tokenizer = createTokenizer(JSON.parse(readFileSync(tokenizerJsonPath(family), 'utf8')));
    encode = (input) => tokenizer.encode(input).length;
  } else {
    const Tokenizer = loadWebTokenizers();
    const bytes = readFileSync(tokenizerJsonPath(family));
    const tokenizer = await Tokenizer.fromJSON(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    encode = (input) => tokenizer.encode(input).length;
  }
  const loadMs = performance.now() - started;
  const tokens = encode(text);
  const coldMs = performance.now() - started;
  const times = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const t = performance.now();
    encode(text);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    implementation,
    family,
    characters: [...text].length,
    tokens,
    loadMs,
    coldMs,
    warmMs: times[times.length >> 1],
  };
}

function shippedBytes(file) {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The same measurement inside Chromium: fetch + parse + build + first run, then warm runs. */
async function measureInBrowser() {
  const { createServer } = await import('node:http');
  const { chromium } = await import('playwright-core');
  const { chromiumArgs, chromiumPath } = await import('./chromium-path.mjs');
  const { tokenizerJsonPath } = await import('../src/playground/tokenizer/node-files.ts');
  const files = {
    '/tokenizers.mjs': [
      join(dirname(require.resolve('@huggingface/tokenizers')), 'tokenizers.min.mjs'),
      'text/javascript',
    ],
    '/web-tokenizers.js': [require.resolve('@mlc-ai/web-tokenizers'), 'text/javascript'],
    ...Object.fromEntries(FAMILIES.map((family) => [`/${family}.json`, [tokenizerJsonPath(family), 'application/json']])),
  };
  const text = await articleText();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/article.txt')
      return void response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
    const file = files[path];
    if (!file)
      return void response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
    response.writeHead(200, { 'content-type': file[1] }).end(readFileSync(file[0]));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs({ webgpu: false }) });
  const rows = [];
  try {
    for (const implementation of IMPLEMENTATIONS) {
      for (const family of FAMILIES) {
        const page = await browser.newPage();
        await page.goto(`${origin}/`);
        if (implementation === 'web-tokenizers') await page.addScriptTag({ url: '/web-tokenizers.js' });
        const row = await page.evaluate(
          async ({ implementation, family, runs }) => {
            const input = await (await fetch('/article.txt')).text();
            const started = performance.now();
            let encode;
            if (implementation === 'tokenizers.js') {
              const { Tokenizer } = await import('/tokenizers.mjs');
              const json = JSON.parse(new TextDecoder().decode(await (await fetch(`/${family}.json`)).arrayBuffer()));
              const tokenizer = new Tokenizer(json, {});
              encode = (t) => tokenizer.encode(t, { add_special_tokens: false }).ids.length;
            } else {
              const buffer = await (await fetch(`/${family}.json`)).arrayBuffer();
              const tokenizer = await globalThis.tokenizers.Tokenizer.fromJSON(buffer);
              encode = (t) => tokenizer.encode(t).length;
            }
            const loadMs = performance.now() - started;
            const tokens = encode(input);
            const coldMs = performance.now() - started;
            const times = [];
            for (let i = 0; i < runs; i++) {
              const t = performance.now();
              encode(input);
              times.push(performance.now() - t);
            }
            times.sort((a, b) => a - b);
            return {
              implementation,
              family,
              characters: [...input].length,
              tokens,
              loadMs,
              coldMs,
              warmMs: times[times.length >> 1],
            };
          },
          { implementation, family, runs: WARM_RUNS },
        );
        rows.push(row);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return rows;
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  console.log(JSON.stringify(await measure(args[1], args[2])));
  process.exit(0);
}

// Each cell is the median of a few fresh processes: one cold start alone is at the mercy of the machine.
const COLD_PROCESSES = 3;
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const rows = [];
for (const implementation of IMPLEMENTATIONS) {
  for (const family of FAMILIES) {
    const runs = [];
    for (let i = 0; i < COLD_PROCESSES; i++) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', implementation, family], {
        cwd: root,
        encoding: 'utf8',
      });
      if (child.status !== 0) throw new Error(`bench child ${implementation}/${family} failed:\n${child.stderr}`);
      runs.push(JSON.parse(child.stdout.trim().split('\n').at(-1)));
    }
    rows.push({
      ...runs[0],
      loadMs: median(runs.map((run) => run.loadMs)),
      coldMs: median(runs.map((run) => run.coldMs)),
      warmMs: median(runs.map((run) => run.warmMs)),
    });
  }
}

const perSecond = (tokens, ms) => Math.round((tokens / ms) * 1000).toLocaleString('en-US');
const thousands = (n) => n.toLocaleString('en-US');

function printRows(title, rows) {
  console.log(`${title}: the whole article (${thousands(rows[0].characters)} characters)`);
  console.log(
    'implementation'.padEnd(16),
    'tokenizer'.padEnd(9),
    'tokens'.padStart(7),
    'load ms'.padStart(8),
    'cold ms'.padStart(8),
    'cold tok/s'.padStart(11),
    'warm ms'.padStart(8),
    'warm tok/s'.padStart(11),
  );
  for (const row of rows) {
    console.log(
      row.implementation.padEnd(16),
      row.family.padEnd(9),
      String(row.tokens).padStart(7),
      row.loadMs.toFixed(0).padStart(8),
      row.coldMs.toFixed(0).padStart(8),
      perSecond(row.tokens, row.coldMs).padStart(11),
      row.warmMs.toFixed(1).padStart(8),
      perSecond(row.tokens, row.warmMs).padStart(11),
    );
  }
  const same = FAMILIES.every(
    (family) => new Set(rows.filter((row) => row.family === family).map((row) => row.tokens)).size === 1,
  );
  console.log(`Token counts agree between implementations: ${same ? 'yes' : 'NO'}`);
}

const loadBefore = loadavg()[0];
printRows(`Node ${process.version}`, rows);
const browserRows = args.includes('--browser') ? await measureInBrowser() : [];
if (browserRows.length) {
  console.log('');
  printRows('Headless Chromium (fetch from localhost included in load and cold)', browserRows);
}
console.log(
  '\nload ms = read (or fetch) tokenizer.json, parse it and build the tokenizer; cold ms = load plus the first\n' +
    'tokenization, in a fresh process or page (median of 3 processes in Node); warm ms = median of 15 further\n' +
    'tokenizations of the same text. tok/s = tokens ÷ that time.',
);

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const shipped = [
  // The package's own minified build (its exports map hides it, so go through the main entry's folder).
  ['tokenizers.js (min build)', join(dirname(require.resolve('@huggingface/tokenizers')), 'tokenizers.min.mjs')],
  // One file: the JavaScript glue with the wasm inlined as base64.
  ['web-tokenizers (JS glue + wasm inlined as base64)', require.resolve('@mlc-ai/web-tokenizers')],
].map(([name, file]) => ({ name, ...shippedBytes(file) }));
console.log('\nLibrary code a reader downloads (the built worker bundles it; raw / gzip -9)');
for (const { name, raw, gzip } of shipped) console.log(name.padEnd(50), kib(raw).padStart(12), kib(gzip).padStart(12));

if (args.includes('--write-docs')) {
  const docs = fileURLToPath(new URL('../docs/tokenizers.md', import.meta.url));
  const tableRows = [
    ...rows.map((row) => ({ where: `Node ${process.versions.node.split('.')[0]}`, ...row })),
    ...browserRows.map((row) => ({ where: 'Chromium', ...row })),
  ].map(
    (row) =>
      `| ${row.where} | ${row.implementation} | ${FAMILY_INFO[row.family].label} | ${thousands(row.tokens)} | ` +
      `${thousands(Math.round(row.coldMs))} | ${perSecond(row.tokens, row.coldMs)} | ${row.warmMs.toFixed(1)} | ` +
      `${perSecond(row.tokens, row.warmMs)} |`,
  );
  writeBlock(
    docs,
    'tokenizer-speed',
    [
      `The article text as the build-time table sees it: ${thousands(rows[0].characters)} characters. Measured on ` +
        `${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} ` +
        `before the run and ${loadavg()[0].toFixed(1)} after.`,
      '',
      '| where | implementation | tokenizer | tokens | cold ms | cold tok/s | warm ms | warm tok/s |',
      '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
      ...tableRows,
      '',
    ].join('\n'),
  );
  writeBlock(
    docs,
    'tokenizer-bytes',
    [
      '| implementation | code a reader downloads | gzip -9 |',
      '| --- | ---: | ---: |',
      ...shipped.map(({ name, raw, gzip }) => `| ${name} | ${kib(raw)} | ${kib(gzip)} |`),
      '',
    ].join('\n'),
  );
  console.log(`\nWrote the tables in ${docs}`);
}
