// Copies web-llm models into a folder any static host can serve, so the site can load them from
// the maintainer's own server instead of Hugging Face and GitHub (slow or blocked in mainland
// China). See docs/self-hosting.md.
//
//   npm run models:mirror -- <model id>... [--out public/models] [--source https://huggingface.co] [--libs <base URL>]
//
// Layout written (the same as Hugging Face's, so web-llm's URL handling works unchanged, and the
// same as src/playground/sources/model-source.ts customSource() reads):
//   <out>/<repo>/resolve/main/mlc-chat-config.json, tokenizer files, tensor-cache.json, params_shard_*.bin
//   <out>/libs/<model library>.wasm
//   <out>/SHA256SUMS   (sha256sum -c format; later runs verify against it)
// <repo> is the Hugging Face repository, which the "-1k" builds share with their full-context build.
//
// Safe to interrupt and re-run: finished files are verified and skipped, an interrupted file
// continues from its .part with an HTTP Range request, and nothing is written under its final
// name until it is complete and verified.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';

const HF_ORIGIN = 'https://huggingface.co';
const HF_LIBS = 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base';
const USAGE =
  'usage: npm run models:mirror -- <model id>... [--out public/models] [--source https://huggingface.co] [--libs <base URL>]';

class MirrorError extends Error {}

// ---- progress on stderr -----------------------------------------------------------------------

const MB = 1024 * 1024;
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

/** Appends the rest of `url` to `part`, resuming with a Range request when part of it is there. */
async function downloadInto(part, { url, name, size }) {
  let offset = (await sizeOf(part)) ?? 0;
  if (size !== undefined && offset > size) {
    await rm(part);
    offset = 0;
  }
  if (size !== undefined && offset === size) return;

  let response;
  try {
    response = await fetch(url, { headers: offset > 0 ? { range: `bytes=${offset}-` } : {} });
  } catch (error) {
    throw new MirrorError(`${name}: ${describeFetchFailure(url, error)}`);
  }
  // 416: nothing after `offset` — the part is already whole; verification decides.
  if (offset > 0 && response.status === 416) return;
  if (!response.ok) {
    throw new MirrorError(`${name}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} from ${url}`);
  }
  const resumed = response.status === 206 && new RegExp(`^bytes ${offset}-`).test(response.headers.get('content-range') ?? '');
  if (!resumed) offset = 0; // The server sent the whole file: start the part over.
  const length = Number(response.headers.get('content-length'));
  const total = size ?? (Number.isFinite(length) && length > 0 ? offset + length : undefined);

  const progress = new Progress(name, total, offset);
  const counter = new Transform({
    transform(chunk, _encoding, callback) {
      progress.add(chunk.length);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body), counter, createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
  } catch (error) {
    throw new MirrorError(`${name}: the download broke off (${error.cause?.code ?? error.message}); run the command again to continue`);
  }
  progress.finish();
}

/**
 * Makes `dest` a verified copy of `url`. Expected size and md5 come from tensor-cache.json (shards
 * only); the SHA-256 from an earlier run's SHA256SUMS. A mismatch is refused, never kept.
 */
async function ensureFile(task, checksums, stats) {
  const { dest, rel, name, size, md5 } = task;
  const known = checksums.get(rel);
  const mismatch = (digest) => {
    if (size !== undefined && digest.size !== size) return `size mismatch: expected ${size} bytes, got ${digest.size}`;
    if (md5 !== undefined && digest.md5 !== md5) return `checksum mismatch (md5 from tensor-cache.json): expected ${md5}, got ${digest.md5}`;
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

async function readJson(path, name) {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new MirrorError(`${name}: not valid JSON (${error.message})`);
  }
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
  const repo = repoPath.split('/').pop();
  return {
    repo,
    fileUrl: (file) => `${trimSlash(source)}${repoPath}/resolve/main/${file}`,
    library: record.model_lib.slice(HF_LIBS.length + 1),
    libraryUrl: (file) => `${trimSlash(libs)}/${file}`,
  };
}

async function mirrorModel(record, options, checksums, stats) {
  const plan = modelPlan(record, options);
  const folder = `${plan.repo}/resolve/main`;
  const file = (name, extra = {}) => ({
    url: plan.fileUrl(name),
    dest: join(options.out, folder, name),
    rel: `${folder}/${name}`,
    name: `${plan.repo}/${name}`,
    ...extra,
  });
  // A 1k build names the same files as its full-context build: check them once per run.
  const ensure = async (task) => {
    if (options.done.has(task.rel)) return;
    await ensureFile(task, checksums, stats);
    options.done.add(task.rel);
  };

  process.stderr.write(`\n${record.model_id}${plan.repo !== record.model_id ? ` (files of ${plan.repo})` : ''}\n`);
  const config = file('mlc-chat-config.json');
  await ensure(config);
  const { tokenizer_files: tokenizerFiles } = await readJson(config.dest, config.name);
  if (!Array.isArray(tokenizerFiles) || tokenizerFiles.length === 0) {
    throw new MirrorError(`${config.name}: lists no tokenizer_files`);
  }
  for (const name of tokenizerFiles) await ensure(file(name));

  const manifest = file('tensor-cache.json');
  await ensure(manifest);
  const { records } = await readJson(manifest.dest, manifest.name);
  if (!Array.isArray(records)) throw new MirrorError(`${manifest.name}: has no records`);
  for (const shard of records) {
    await ensure(file(shard.dataPath, { size: shard.nbytes, md5: typeof shard.md5sum === 'string' ? shard.md5sum : undefined }));
  }

  await ensure({
    url: plan.libraryUrl(plan.library),
    dest: join(options.out, 'libs', plan.library),
    rel: `libs/${plan.library}`,
    name: `libs/${plan.library}`,
  });
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'public/models' },
      source: { type: 'string', default: HF_ORIGIN },
      libs: { type: 'string', default: HF_LIBS },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  for (const [flag, url] of [['--source', values.source], ['--libs', values.libs]]) {
    if (!/^https?:\/\//.test(url)) {
      console.error(`${flag} must be an http(s) URL (got "${url}")\n${USAGE}`);
      return 2;
    }
  }
  // Loaded only now: importing web-llm takes a moment, and --help should not wait for it.
  const { prebuiltAppConfig } = await import('@mlc-ai/web-llm');
  const records = [];
  for (const id of positionals) {
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

  const options = { out: resolve(values.out), source: values.source, libs: values.libs, done: new Set() };
  const checksums = new Checksums(join(options.out, 'SHA256SUMS'));
  await mkdir(options.out, { recursive: true });
  await checksums.load();
  const stats = { downloaded: 0, verified: 0 };
  for (const record of records) await mirrorModel(record, options, checksums, stats);
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
