/**
 * Plays Hugging Face for the CPU path: the GGUF build's URL answers with a tiny model written at
 * test time (tests/fixtures/tiny-gguf), every other model-host request with 404. Records what
 * was asked, so tests can tell a download from a cache hit.
 */
import { createHash } from 'node:crypto';
import type { BrowserContext } from '@playwright/test';
import { findGgufBuild } from '../../src/playground/cpu/gguf-catalogue';
import { ggufUrl } from '../../src/playground/cpu/gguf-url';
import { HUGGING_FACE } from '../../src/playground/sources/model-source';
import type { Family } from '../../src/playground/tokenizer/families';
import { nodeTokenizerFiles } from '../fixtures/tiny-gguf/node-tokenizer-files';
import { buildTinyModel, type TinyModel, type TinyModelScript } from '../fixtures/tiny-gguf/tiny-model';
import { MODEL_HOST } from './chat-network';

export const TINY_QWEN_BUILD = 'Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF';

export function tinyModelUrl(buildId: string): string {
  const build = findGgufBuild(buildId);
  if (build === undefined) throw new Error(`no GGUF build ${buildId}`);
  return ggufUrl(build, HUGGING_FACE);
}

const built = new Map<string, TinyModel>();

/** Built once per test worker: reading the 10 MB tokenizer files takes seconds on a busy machine. */
export function tinyModel(family: Family, script: TinyModelScript): TinyModel {
  const key = JSON.stringify([family, script]);
  let model = built.get(key);
  if (model === undefined) {
    model = buildTinyModel(family, nodeTokenizerFiles(family), script);
    built.set(key, model);
  }
  return model;
}

/** Serves each build's URL with its tiny model (several builds for the arena's two sides). */
export async function serveTinyModels(context: BrowserContext, models: Readonly<Record<string, TinyModel>>) {
  const files = new Map(
    Object.entries(models).map(([buildId, model]) => {
      const body = Buffer.from(model.gguf);
      // Hugging Face answers /raw/ with the Git LFS pointer of a large file; wllama reads its sha256.
      const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${createHash('sha256').update(body).digest('hex')}\nsize ${body.length}\n`;
      return [tinyModelUrl(buildId), { body, pointer }] as const;
    }),
  );
  const pointers = new Map([...files].map(([url, file]) => [url.replace('/resolve/', '/raw/'), file.pointer]));
  const requests: { method: string; url: string }[] = [];
  await context.route(
    (candidate) => MODEL_HOST.test(candidate.hostname),
    async (route) => {
      const request = route.request();
      requests.push({ method: request.method(), url: request.url() });
      const pointer = pointers.get(request.url());
      if (pointer !== undefined) {
        await route.fulfill({ status: 200, contentType: 'text/plain', headers: { 'access-control-allow-origin': '*' }, body: pointer });
        return;
      }
      const file = files.get(request.url());
      if (file === undefined) {
        await route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' });
        return;
      }
      await route.fulfill({
        status: 200,
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(file.body.length),
          etag: '"tiny-model"',
          'access-control-allow-origin': '*',
          'access-control-expose-headers': 'content-length, etag',
        },
        body: request.method() === 'HEAD' ? '' : file.body,
      });
    },
  );
  return {
    requests,
    /** Downloads of a model file itself (GET), not size or checksum checks; of every build without one. */
    downloads: (buildId?: string) =>
      requests.filter((r) => r.method === 'GET' && (buildId === undefined ? files.has(r.url) : r.url === tinyModelUrl(buildId))).length,
  };
}

export function serveTinyModel(context: BrowserContext, buildId: string, model: TinyModel) {
  return serveTinyModels(context, { [buildId]: model });
}
