// Copies web-llm models, and the CPU path's GGUF builds, into a folder any static host can serve,
// so the site can load them from the maintainer's own server instead of Hugging Face and GitHub
// (slow or blocked in mainland China). See docs/self-hosting.md.
//
//   npm run models:mirror -- <model id>... [--out public/models] [--source https://huggingface.co] [--libs <base URL>]
//
// Layout written (the same as Hugging Face's, so web-llm's URL handling works unchanged, and the
// same as src/playground/sources/model-source.ts customSource() and cpu/gguf-url.ts read):
//   <out>/<repo>/resolve/main/mlc-chat-config.json, tokenizer files, tensor-cache.json, params_shard_*.bin
//   <out>/libs/<model library>.wasm
//   <out>/gguf/<owner>/<repo>/<file>.gguf   (a GGUF build id, …-GGUF, from cpu/gguf-catalogue.ts)
//   <out>/SHA256SUMS   (sha256sum -c format; later runs verify against it)
// <repo> is the Hugging Face repository, which the "-1k" builds share with their full-context build.
// A GGUF file's size and SHA-256 come from its Git LFS pointer on the source (/raw/main/<file>).
//
// Safe to interrupt and re-run: finished files are verified and skipped, an interrupted file
// continues from its .part with an HTTP Range request, and nothing is written under its final
// name until it is complete and verified.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HF_MIRROR, HUGGING_FACE } from '../src/playground/sources/model-source.ts';

const MB = 1024 * 1024;
const HF_ORIGIN = 'https://huggingface.co';
const HF_LIBS = HUGGING_FACE.libsBase.replace(/\/$/, '');
const USAGE = 'usage: npm run models:mirror -- <model id>... [--out <folder>] [--source <URL>] [--libs <URL>]';
const HELP = `${USAGE}

Downloads web-llm models (weights, tokenizer, model library) into a folder any static host can
serve, in Hugging Face's layout, and records a SHA-256 of every file in <folder>/SHA256SUMS.
A GGUF build id (ending in -GGUF: the CPU path's models) is copied to
<folder>/gguf/<owner>/<repo>/<file>, checked against its Git LFS pointer's size and SHA-256.
Re-running verifies what is there, continues interrupted files and downloads only what is missing.

Options:
  --out <folder>     where to write (default: public/models)
  --source <URL>     where the weights come from, in Hugging Face's layout
                     (default: ${HF_ORIGIN}; e.g. https://hf-mirror.com)
  --libs <URL>       the folder of the compiled model libraries (.wasm)
                     (default: ${HF_LIBS})
  -h, --help         show this text

Sources must be https:// (http:// only on this machine: 127.0.0.1, ::1 or localhost). Every file
name the source lists must be a plain file name; anything else stops the run before a file is written.

Examples:
  npm run models:mirror -- Qwen2.5-0.5B-Instruct-q4f32_1-MLC
  npm run models:mirror -- Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF
  npm run models:mirror -- Llama-3.2-1B-Instruct-q4f32_1-MLC --out /srv/models \\
    --source https://hf-mirror.com \\
    --libs ${HF_MIRROR.libsBase.replace(/\/$/, '')}

See docs/self-hosting.md.`;

/** JSON files read before anything is written; the biggest real tensor-cache.json is a few MB. */
const MAX_METADATA_BYTES = 32 * MB;
/** Files without a size in tensor-cache.json: tokenizer files (~10 MB) and model libraries (tens of MB). */
const MAX_UNDECLARED_BYTES = 512 * MB;

class MirrorError extends Error {}

// ---- progress on stderr -----------------------------------------------------------------------

const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;

/** A redrawn bar on a terminal; plain lines (at most every 2 s) in logs and CI. */
class Progress {
  constructor(label, total, alreadyHave) {
    this.label = label;
    this.total = total;
    this.done = alreadyHave;
    this.startedWith = alreadyHave;
    this.started = performance.now();
    this.lastDraw = 0;
    this.tty = Boolean(process.stderr.isTTY);
    if (!this.tty) {
      const from = alreadyHave > 0 ? ` (continuing at ${mb(alreadyHave)})` : '';
      process.stderr.write(`${label}: downloading${this.total ? ` ${mb(this.total)}` : ''}${from}\n`);
    }
  }

  add(bytes) {
    this.done += bytes;
    const now = performance.now();
    if (now - this.lastDraw >= (this.tty ? 100 : 2000)) {
      this.lastDraw = now;
      this.draw(false);
    }
  }

  finish() {
    this.draw(true);
  }

  draw(final) {
    const seconds = Math.max((performance.now() - this.started) / 1000, 0.001);
    const speed = `${mb((this.done - this.startedWith) / seconds)}/s`;
    const percent = this.total ? Math.min(100, Math.floor((this.done / this.total) * 100)) : null;
    const amount = this.total ? `${mb(this.done)} / ${mb(this.total)}` : mb(this.done);
    if (this.tty) {
      const width = 24;
      const filled = percent === null ? 0 : Math.round((percent / 100) * width);
      const bar = percent === null ? '' : `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% `;
      process.stderr.write(`\r\x1b[K${this.label} ${bar}${amount}  ${speed}${final ? '\n' : ''}`);
    } else {
      process.stderr.write(`${this.label}: ${percent === null ? '' : `${percent}%  `}${amount}  ${speed}${final ? '  done' : ''}\n`);
    }
  }
}

// ---- files ------------------------------------------------------------------------------------

async function sizeOf(path) {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

async function digestFile(path) {
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    sha256.update(chunk);
    md5.update(chunk);
    size += chunk.length;
  }
  return { sha256: sha256.digest('hex'), md5: md5.digest('hex'), size };
}

/** SHA256SUMS: "<hex>  <path relative to out>", one per line, like sha256sum writes. */
class Checksums {
  constructor(file) {
    this.file = file;
    this.sums = new Map();
  }

  async load() {
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
      if (match) this.sums.set(match[2], match[1]);
    }
  }

  get(path) {
    return this.sums.get(path);
  }

  async set(path, sha256) {
    this.sums.set(path, sha256);
    const lines = [...this.sums].sort(([a], [b]) => a.localeCompare(b)).map(([p, hash]) => `${hash}  ${p}\n`);
    // Written whole and renamed, so an interrupted run never leaves half a manifest.
    await writeFile(`${this.file}.part`, lines.join(''));
    await rename(`${this.file}.part`, this.file);
  }
}

function describeFetchFailure(url, error) {
  const cause = error.cause?.code ?? error.cause?.message ?? error.message;
  return `could not reach ${new URL(url).host} (${cause})`;
}

// ---- what a source may make us fetch and write ------------------------------------------------

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** https, or http on this machine: an http:// source elsewhere can be rewritten by anyone on the way. */
function transportAllowed(url) {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || (protocol === 'http:' && LOOPBACK_HOSTS.has(hostname));
}

/** A short, printable rendering of a value from a remote file, for error messages. */
function shown(value) {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/**
 * Every file of a model sits directly in its folder, so a name from a remote file must be a plain
 * file name: no folders, no "..", no absolute or Windows paths, nothing hidden, no ".part".
 */
const PLAIN_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;

function plainFileName(value, where) {
  if (typeof value !== 'string') throw new MirrorError(`${where}: expected a file name, got ${shown(value)}`);
  if (!PLAIN_FILE_NAME.test(value) || value.endsWith('.part')) {
    throw new MirrorError(
      `${where}: ${shown(value)} is not a plain file name inside the model folder (folders, "..", absolute paths and backslashes are refused); nothing was written`,
    );
  }
  return value;
}

function shardRecord(record, where) {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new MirrorError(`${where}: expected a shard record, got ${shown(record)}`);
  }
  const name = plainFileName(record.dataPath, `${where}.dataPath`);
  if (!Number.isSafeInteger(record.nbytes) || record.nbytes < 0) {
    throw new MirrorError(`${where}.nbytes: expected a size in bytes, got ${shown(record.nbytes)}`);
  }
  if (record.md5sum !== undefined && (typeof record.md5sum !== 'string' || !/^[0-9a-f]{32}$/i.test(record.md5sum))) {
    throw new MirrorError(`${where}.md5sum: expected an MD5 in hex, got ${shown(record.md5sum)}`);
  }
  return { name, size: record.nbytes, md5: record.md5sum?.toLowerCase() };
}

async function lstatOrNull(path) {
  try {
    return await lstat(path);
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Refuses a destination that would land outside `out`: lexically, or through a symbolic link
 * already inside `out` (a folder on the way, the file itself or its .part).
 */
async function checkDestination(out, { dest, rel }) {
  const root = await realpath(out);
  const refuse = (why) => new MirrorError(`${rel}: ${why}; refused, nothing was written`);
  if (!resolve(dest).startsWith(resolve(out) + sep)) throw refuse(`it resolves outside ${out}`);
  let folder = dirname(dest);
  while ((await lstatOrNull(folder)) === null) folder = dirname(folder);
  const realFolder = await realpath(folder);
  if (realFolder !== root && !realFolder.startsWith(root + sep)) {
    throw refuse(`its folder leads outside ${out} through a symbolic link (to ${realFolder})`);
  }
  for (const path of [dest, `${dest}.part`]) {
    if ((await lstatOrNull(path))?.isSymbolicLink()) throw refuse(`${path} is a symbolic link`);
  }
}

// ---- downloads --------------------------------------------------------------------------------

/** GET with our error messages, refusing a redirect to plain http elsewhere. */
async function request(url, name, headers = {}) {
  let at = url;
  // Redirects are followed here, hop by hop, so none leads to plain http elsewhere.
  for (let hop = 0; hop <= 5; hop++) {
    let response;
    try {
      response = await fetch(at, { headers, redirect: 'manual' });
    } catch (error) {
      throw new MirrorError(`${name}: ${describeFetchFailure(at, error)}`);
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || location === null) return response;
    await response.body?.cancel();
    const next = new URL(location, at).href;
    if (!transportAllowed(next)) {
      throw new MirrorError(`${name}: ${at} redirects to ${next}, which is not https; refused`);
    }
    at = next;
  }
  throw new MirrorError(`${name}: too many redirects from ${url}`);
}

function httpFailure(name, response, url) {
  return new MirrorError(`${name}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} from ${url}`);
}

/** A small JSON file read into memory, at most MAX_METADATA_BYTES of it. */
async function fetchSmall({ url, name }) {
  const response = await request(url, name);
  if (!response.ok) throw httpFailure(name, response, url);
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > MAX_METADATA_BYTES) {
        throw new MirrorError(`${name}: larger than ${mb(MAX_METADATA_BYTES)}, which no real one is; refused (${url})`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof MirrorError) throw error;
    throw new MirrorError(`${name}: the download broke off (${error.cause?.code ?? error.message})`);
  }
  return Buffer.concat(chunks);
}

/** Appends the rest of `url` to `part`, resuming with a Range request when part of it is there. */
async function downloadInto(part, { url, name, size, declaredBy = 'tensor-cache.json' }) {
  let offset = (await sizeOf(part)) ?? 0;
  if (size !== undefined && offset > size) {
    await rm(part);
    offset = 0;
  }
  if (size !== undefined && offset === size) return;

  const response = await request(url, name, offset > 0 ? { range: `bytes=${offset}-` } : {});
  // 416: nothing after `offset` — the part is already whole; verification decides.
  if (offset > 0 && response.status === 416) return;
  if (!response.ok) throw httpFailure(name, response, url);
  const resumed = response.status === 206 && new RegExp(`^bytes ${offset}-`).test(response.headers.get('content-range') ?? '');
  if (!resumed) offset = 0; // The server sent the whole file: start the part over.
  const length = Number(response.headers.get('content-length'));
  const total = size ?? (Number.isFinite(length) && length > 0 ? offset + length : undefined);
  // A file may not grow past what tensor-cache.json declares (or a generous cap for the others),
  // however long the server keeps sending.
  const limit = size ?? MAX_UNDECLARED_BYTES;
  const tooLong = () =>
    new MirrorError(
      `${name}: the server sent more than the ${size === undefined ? `${mb(limit)} allowed` : `${size} bytes ${declaredBy} declares`}; refused, nothing was kept (${url})`,
    );

  const progress = new Progress(name, total, offset);
  let written = offset;
  const counter = new Transform({
    transform(chunk, _encoding, callback) {
      written += chunk.length;
      if (written > limit) {
        callback(tooLong());
        return;
      }
      progress.add(chunk.length);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body), counter, createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
  } catch (error) {
    if (error instanceof MirrorError) {
      await rm(part, { force: true });
      throw error;
    }
    throw new MirrorError(`${name}: the download broke off (${error.cause?.code ?? error.message}); run the command again to continue`);
  }
  progress.finish();
}

/**
 * Makes `dest` a verified copy of `url`. Expected size and md5 come from tensor-cache.json (shards
 * only), size and SHA-256 from the Git LFS pointer (GGUF files); the SHA-256 also from an earlier
 * run's SHA256SUMS. A mismatch is refused, never kept.
 */
async function ensureFile(task, checksums, stats) {
  const { dest, rel, name, size, md5, sha256 } = task;
  const known = checksums.get(rel);
  const mismatch = (digest) => {
    if (size !== undefined && digest.size !== size) return `size mismatch: expected ${size} bytes, got ${digest.size}`;
    if (md5 !== undefined && digest.md5 !== md5) return `checksum mismatch (md5 from tensor-cache.json): expected ${md5}, got ${digest.md5}`;
    if (sha256 !== undefined && digest.sha256 !== sha256) {
      return `checksum mismatch (SHA-256 from the Git LFS pointer): expected ${sha256}, got ${digest.sha256}`;
    }
    if (known !== undefined && digest.sha256 !== known) {
      return `checksum mismatch (SHA-256 from SHA256SUMS): expected ${known}, got ${digest.sha256}; if the model was updated upstream, delete its lines from SHA256SUMS`;
    }
    return null;
  };

  if ((await sizeOf(dest)) !== null) {
    const digest = await digestFile(dest);
    const problem = mismatch(digest);
    if (problem === null) {
      if (known === undefined) await checksums.set(rel, digest.sha256);
      stats.verified++;
      return;
    }
    process.stderr.write(`${name}: the copy on disk is not right (${problem}); downloading it again\n`);
    await rm(dest);
  }

  const part = `${dest}.part`;
  await mkdir(dirname(dest), { recursive: true });
  await downloadInto(part, task);
  const digest = await digestFile(part);
  const problem = mismatch(digest);
  if (problem !== null) {
    // A wrong file must not be continued next time either.
    await rm(part);
    throw new MirrorError(`${name}: ${problem} — refused; nothing was kept (${task.url})`);
  }
  await rename(part, dest);
  await checksums.set(rel, digest.sha256);
  stats.downloaded++;
}

// ---- the JSON files that name the others ------------------------------------------------------

const sha256Of = (data) => createHash('sha256').update(data).digest('hex');

/**
 * mlc-chat-config.json or tensor-cache.json, held in memory: they name every other file, and
 * nothing is written until all of those names are checked. A verified copy on disk is reused.
 */
async function loadMetadata(task, checksums) {
  const known = checksums.get(task.rel);
  if ((await sizeOf(task.dest)) !== null) {
    const data = await readFile(task.dest);
    const sha256 = sha256Of(data);
    if (known === undefined || sha256 === known) return { task, data, onDisk: true };
    process.stderr.write(
      `${task.name}: the copy on disk is not right (checksum mismatch (SHA-256 from SHA256SUMS): expected ${known}, got ${sha256}); downloading it again\n`,
    );
  }
  const data = await fetchSmall(task);
  if (known !== undefined && sha256Of(data) !== known) {
    throw new MirrorError(
      `${task.name}: checksum mismatch (SHA-256 from SHA256SUMS): expected ${known}, got ${sha256Of(data)}; if the model was updated upstream, delete its lines from SHA256SUMS`,
    );
  }
  return { task, data, onDisk: false };
}

async function saveMetadata({ task, data, onDisk }, checksums, stats) {
  const sha256 = sha256Of(data);
  if (onDisk) {
    if (checksums.get(task.rel) === undefined) await checksums.set(task.rel, sha256);
    stats.verified++;
    return;
  }
  await mkdir(dirname(task.dest), { recursive: true });
  await writeFile(`${task.dest}.part`, data);
  await rename(`${task.dest}.part`, task.dest);
  await checksums.set(task.rel, sha256);
  stats.downloaded++;
}

/** The parsed top-level object of a JSON file, or the command's own error. */
function parseObject({ task, data }) {
  let value;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch (error) {
    throw new MirrorError(`${task.name}: not valid JSON (${error.message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MirrorError(`${task.name}: expected a JSON object, got ${shown(value)}`);
  }
  return value;
}

// ---- models -----------------------------------------------------------------------------------

function trimSlash(url) {
  return url.replace(/\/+$/, '');
}

function modelPlan(record, { source, libs }) {
  const weights = new URL(record.model);
  if (weights.origin !== HF_ORIGIN) throw new MirrorError(`${record.model_id}: weights are not on Hugging Face (${record.model})`);
  if (!record.model_lib.startsWith(`${HF_LIBS}/`)) {
    throw new MirrorError(`${record.model_id}: library is not under ${HF_LIBS} (${record.model_lib})`);
  }
  const repoPath = trimSlash(weights.pathname); // /mlc-ai/<repo>
  const repo = plainFileName(repoPath.split('/').pop(), `${record.model_id}: repository`);
  return {
    repo,
    fileUrl: (file) => `${trimSlash(source)}${repoPath}/resolve/main/${file}`,
    library: plainFileName(record.model_lib.slice(HF_LIBS.length + 1), `${record.model_id}: model library`),
    libraryUrl: (file) => `${trimSlash(libs)}/${file}`,
  };
}

/**
 * Everything one model needs, with every name from its remote JSON files checked. Downloads only
 * the two JSON files, into memory.
 */
async function planModel(record, options, checksums) {
  const plan = modelPlan(record, options);
  const folder = `${plan.repo}/resolve/main`;
  const file = (name, extra = {}) => ({
    url: plan.fileUrl(name),
    dest: join(options.out, folder, name),
    rel: `${folder}/${name}`,
    name: `${plan.repo}/${name}`,
    ...extra,
  });
  process.stderr.write(`\n${record.model_id}${plan.repo !== record.model_id ? ` (files of ${plan.repo})` : ''}\n`);

  // A 1k build shares its JSON files with its full-context build: fetch them once.
  const load = (task) => {
    if (!options.loaded.has(task.rel)) options.loaded.set(task.rel, loadMetadata(task, checksums));
    return options.loaded.get(task.rel);
  };
  const config = await load(file('mlc-chat-config.json'));
  const tokenizerFiles = parseObject(config).tokenizer_files;
  if (!Array.isArray(tokenizerFiles) || tokenizerFiles.length === 0) {
    throw new MirrorError(`${config.task.name}: lists no tokenizer_files`);
  }
  const tokenizer = tokenizerFiles.map((name, i) => file(plainFileName(name, `${config.task.name}: tokenizer_files[${i}]`)));

  const manifest = await load(file('tensor-cache.json'));
  const { records } = parseObject(manifest);
  if (!Array.isArray(records)) throw new MirrorError(`${manifest.task.name}: has no records`);
  const shards = records.map((entry, i) => {
    const shard = shardRecord(entry, `${manifest.task.name}: records[${i}]`);
    return file(shard.name, { size: shard.size, md5: shard.md5 });
  });

  const library = {
    url: plan.libraryUrl(plan.library),
    dest: join(options.out, 'libs', plan.library),
    rel: `libs/${plan.library}`,
    name: `libs/${plan.library}`,
  };
  return { metadata: [config, manifest], files: [...tokenizer, ...shards, library] };
}

// ---- GGUF builds (the CPU path) ---------------------------------------------------------------

/** Hugging Face's /raw/ answer for a file stored with Git LFS. */
const LFS_POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:([0-9a-f]{64})\nsize (\d+)\n?$/;

/** The CPU path's GGUF catalogue, TypeScript with extensionless imports: loaded through Vite. */
async function ggufBuilds() {
  const { runnerImport } = await import('vite');
  const file = fileURLToPath(new URL('../src/playground/cpu/gguf-catalogue.ts', import.meta.url));
  return (await runnerImport(file)).module.GGUF_BUILDS;
}

/**
 * One GGUF file, at <out>/gguf/<owner>/<repo>/<file> (cpu/gguf-url.ts). Its size and SHA-256 are
 * read from the source's Git LFS pointer first, so a wrong or endless file is refused.
 */
async function planGguf(build, options) {
  const parts = build.repo.split('/');
  if (parts.length !== 2) throw new MirrorError(`${build.id}: repository ${shown(build.repo)} is not "<owner>/<repo>"`);
  const [owner, repo] = parts.map((part, i) => plainFileName(part, `${build.id}: repository ${i === 0 ? 'owner' : 'name'}`));
  const file = plainFileName(build.file, `${build.id}: file`);
  const rel = `gguf/${owner}/${repo}/${file}`;
  const name = `${owner}/${repo}/${file}`;
  process.stderr.write(`\n${build.id}\n`);
  const pointer = { url: `${trimSlash(options.source)}/${owner}/${repo}/raw/main/${file}`, name: `${name} (Git LFS pointer)` };
  const match = LFS_POINTER.exec((await fetchSmall(pointer)).toString('utf8'));
  const size = Number(match?.[2]);
  if (match === null || !Number.isSafeInteger(size)) {
    throw new MirrorError(`${pointer.name}: not a Git LFS pointer, so the file's size and SHA-256 are unknown; refused (${pointer.url})`);
  }
  const task = {
    url: `${trimSlash(options.source)}/${owner}/${repo}/resolve/main/${file}`,
    dest: join(options.out, rel),
    rel,
    name,
    size,
    sha256: match[1],
    declaredBy: 'its Git LFS pointer',
  };
  return { metadata: [], files: [task] };
}

function readArguments() {
  return parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'public/models' },
      source: { type: 'string', default: HF_ORIGIN },
      libs: { type: 'string', default: HF_LIBS },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function main() {
  let values, positionals;
  try {
    ({ values, positionals } = readArguments());
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length === 0) {
    console.error(`${USAGE}\n(npm run models:mirror -- --help explains the options)`);
    return 2;
  }
  for (const [flag, url] of [['--source', values.source], ['--libs', values.libs]]) {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      console.error(`${flag} must be an http(s) URL (got "${url}")\n${USAGE}`);
      return 2;
    }
    if (!transportAllowed(url)) {
      console.error(`${flag} must be https:// (plain http:// only on this machine: 127.0.0.1, [::1], localhost); got "${url}"`);
      return 2;
    }
  }
  // Loaded only now: importing web-llm takes a moment, and --help should not wait for it.
  const { prebuiltAppConfig } = await import('@mlc-ai/web-llm');
  const gguf = positionals.some((id) => id.endsWith('-GGUF')) ? await ggufBuilds() : [];
  const records = [];
  const ggufs = [];
  for (const id of positionals) {
    if (id.endsWith('-GGUF')) {
      const build = gguf.find((candidate) => candidate.id === id);
      if (build === undefined) {
        console.error(`unknown GGUF build "${id}" (not in src/playground/cpu/gguf-catalogue.ts); known: ${gguf.map((b) => b.id).join(', ')}`);
        return 2;
      }
      ggufs.push(build);
      continue;
    }
    const record = prebuiltAppConfig.model_list.find((r) => r.model_id === id);
    if (record === undefined) {
      const near = prebuiltAppConfig.model_list
        .map((r) => r.model_id)
        .filter((other) => other.toLowerCase().includes(id.toLowerCase().slice(0, 8)))
        .slice(0, 5);
      console.error(`unknown model id "${id}" (not in web-llm's prebuiltAppConfig)${near.length ? `; similar: ${near.join(', ')}` : ''}`);
      return 2;
    }
    records.push(record);
  }

  const options = { out: resolve(values.out), source: values.source, libs: values.libs, loaded: new Map() };
  const checksums = new Checksums(join(options.out, 'SHA256SUMS'));
  await mkdir(options.out, { recursive: true });
  await checksums.load();
  const plans = [];
  for (const record of records) plans.push(await planModel(record, options, checksums));
  for (const build of ggufs) plans.push(await planGguf(build, options));
  // Every destination of every model is checked before the first byte is written.
  await checkDestination(options.out, { dest: checksums.file, rel: 'SHA256SUMS' });
  for (const plan of plans) {
    for (const task of [...plan.metadata.map((m) => m.task), ...plan.files]) await checkDestination(options.out, task);
  }

  const stats = { downloaded: 0, verified: 0 };
  // A 1k build names the same files as its full-context build: handle them once per run.
  const done = new Set();
  for (const plan of plans) {
    for (const metadata of plan.metadata) {
      if (done.has(metadata.task.rel)) continue;
      await saveMetadata(metadata, checksums, stats);
      done.add(metadata.task.rel);
    }
    for (const task of plan.files) {
      if (done.has(task.rel)) continue;
      await ensureFile(task, checksums, stats);
      done.add(task.rel);
    }
  }
  process.stderr.write(
    `\nDone: ${stats.downloaded} file(s) downloaded, ${stats.verified} already present and verified, in ${options.out}\n` +
      'Serve that folder and build the site with PUBLIC_MODEL_SOURCE=<its public URL> (docs/self-hosting.md).\n',
  );
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof MirrorError)) throw error;
  process.stderr.write(`\nmodels:mirror failed: ${error.message}\n`);
  process.exitCode = 1;
}
