// Real builds as two hosts would run them (slow: about a minute each on a small machine), checked
// the way the host serves them: the publish directory at the root of the domain. The other hosts'
// origins and base paths are pure functions, tested in site-url.test.ts.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../scripts/build-site.mjs';
import { headerLine, headersFor, hostLimits, parseHeaders } from '../../scripts/publish/headers.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { pagesBuildEnv } from './pages-workflow';

// Generous: on a busy 2-core machine one build has taken over three minutes.
const BUILD_TIMEOUT = 600_000;
// Variables of the other hosts, cleared so the machine running the tests cannot leak them in.
const noHost = { SITE_URL: '', NETLIFY: '', CONTEXT: '', URL: '', DEPLOY_PRIME_URL: '', CF_PAGES: '', CF_PAGES_URL: '' };

// Room left in _headers for what the site is likely to grow by: two more inline scripts' CSP
// hashes ("'sha256-' + 44 base64 characters + "'", and a space) and ten more pages' rules. A test
// that fails here gives warning before the build's own check (overHostLimits) stops a deploy.
const HASH_LENGTH = " 'sha256-".length + 44 + 1;
const headroom = { headerLength: hostLimits.headerLength - 2 * HASH_LENGTH, rules: hostLimits.rules - 10 };

const servers: Server[] = [];
afterAll(() => servers.forEach((server) => server.close()));

/** Serves a publish directory at the root of a local origin, as Netlify, Cloudflare and Pages do. */
async function serveAtRoot(dir: string) {
  const server = await startServer({ dir, base: '/', port: 0 });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Everything a host and a crawler see of a build published at `origin` + `base`. */
async function expectPublished(publishDir: string, origin: string, base: string, buildOutput: string) {
  const siteDir = join(publishDir, base);
  const html = readFileSync(join(siteDir, 'index.html'), 'utf8');
  expect(/<link rel="canonical" href="([^"]+)"/.exec(html)?.[1]).toBe(`${origin}${base}`);
  expect(/<meta property="og:image" content="([^"]+)"/.exec(html)?.[1]).toBe(`${origin}${base}social.png`);

  expect(readFileSync(join(siteDir, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${origin}${base}sitemap-index.xml`);
  const locs = [...readFileSync(join(siteDir, 'sitemap-0.xml'), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  expect(locs).toContain(`${origin}${base}playground/`);
  expect(locs.filter((loc) => !loc!.startsWith(`${origin}${base}`))).toEqual([]);
  expect(buildOutput).not.toContain('No public site URL');

  // Every site-absolute URL in the page is under the base path and names a file the host has.
  const paths = [...html.matchAll(/(?:src|href)="(\/[^"#?]*)/g)].map((m) => m[1]!);
  expect(paths.length).toBeGreaterThan(3);
  for (const path of paths) {
    expect(path.startsWith(base), path).toBe(true);
    const file = join(publishDir, path.endsWith('/') ? `${path}index.html` : path);
    expect(existsSync(file), path).toBe(true);
  }

  // The footer links the project's licence and the third-party notices, written by this build.
  for (const file of ['licenses/LICENSE.txt', 'licenses/THIRD-PARTY-NOTICES.txt']) expect(html).toContain(`href="${base}${file}"`);
  expect(readFileSync(join(siteDir, 'licenses/THIRD-PARTY-NOTICES.txt'), 'utf8')).toContain('@mlc-ai/web-llm');
  expect(readFileSync(join(siteDir, 'licenses/LICENSE.txt'), 'utf8')).toBe(readFileSync('LICENSE', 'utf8'));
  expect(existsSync(join(siteDir, 'licenses/qwen/LICENSE.txt'))).toBe(true);

  // _headers at the top of the publish directory, where the host reads it, with prefixed rules.
  const rules = parseHeaders(readFileSync(join(publishDir, '_headers'), 'utf8'));
  for (const rule of rules) expect(rule.path.startsWith(base), rule.path).toBe(true);
  expect(rules.length).toBeLessThanOrEqual(headroom.rules);
  const longest = Math.max(...rules.flatMap((rule) => rule.headers.map((header) => headerLine(header).length)));
  expect(longest, 'longest _headers line').toBeLessThanOrEqual(headroom.headerLength);
  const asset = paths.find((path) => path.includes('/_astro/'))!;
  expect(headersFor(rules, asset)['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(headersFor(rules, base)['content-security-policy']).toContain("frame-ancestors 'none'");

  // And over HTTP, as the host would answer.
  const root = await serveAtRoot(publishDir);
  const page = await fetch(root + base);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect((await fetch(root + asset)).status).toBe(200);
  const missing = await fetch(`${root}${base}no/such/page/`);
  expect(missing.status).toBe(404);
  expect(await missing.text()).toContain('找不到这个页面');
}

describe('built as each host builds it', () => {
  test(
    'Netlify deploy preview under BASE_PATH: its own address, and the pages in a sub-folder of the publish directory',
    async () => {
      const outDir = '.builds/host-netlify';
      rmSync(outDir, { recursive: true, force: true });
      const origin = 'https://deploy-preview-7--qwen-vs-llama3.netlify.app';
      const { output } = buildSite({
        outDir,
        base: '/qwen-vs-llama3/',
        quiet: true,
        env: {
          ...noHost,
          NETLIFY: 'true',
          CONTEXT: 'deploy-preview',
          URL: 'https://qwen-vs-llama3.netlify.app',
          DEPLOY_PRIME_URL: origin,
          PUBLIC_MODEL_SOURCE: 'https://models.example.cn/mlc/',
        },
      });
      await expectPublished(outDir, origin, '/qwen-vs-llama3/', output);
      // The chat page's privacy note names the model host the site was built with.
      const chatPage = readFileSync(join(outDir, 'qwen-vs-llama3/playground/index.html'), 'utf8');
      expect(chatPage).toContain('浏览器从 models.example.cn（模型权重和编译好的模型程序）下载所选模型');
      expect(chatPage).not.toContain('Hugging Face（模型权重）');
      // The host's own files stay at the top, where Netlify and crawlers look for them.
      for (const file of ['_headers', '404.html', 'robots.txt']) expect(existsSync(join(outDir, file)), file).toBe(true);
      expect(existsSync(join(outDir, 'index.html'))).toBe(false);
    },
    BUILD_TIMEOUT,
  );

  test(
    'GitHub Pages user site (the <owner>.github.io repository): the workflow’s build is served at /',
    async () => {
      const outDir = '.builds/host-pages-user';
      rmSync(outDir, { recursive: true, force: true });
      const env = pagesBuildEnv({ origin: 'https://octocat.github.io', base_path: '' });
      const { output } = buildSite({ outDir, base: env.BASE_PATH, quiet: true, env: { ...noHost, ...env } });
      await expectPublished(outDir, 'https://octocat.github.io', '/', output);
    },
    BUILD_TIMEOUT,
  );
});
