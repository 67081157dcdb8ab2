// Where each host's build gets its public origin and base path (site.config.mjs), for every kind
// of host the README names; tests/unit/host-builds.test.ts builds two of them for real.
import { describe, expect, test } from 'vitest';
import { basePath, localOrigin, publicSite, siteUrlWarning } from '../../site.config.mjs';
import { pagesBuildEnv } from './pages-workflow';

const netlify = {
  NETLIFY: 'true',
  URL: 'https://qwen-vs-llama3.netlify.app',
  DEPLOY_PRIME_URL: 'https://deploy-preview-7--qwen-vs-llama3.netlify.app',
};

describe('the public origin of a build', () => {
  test('SITE_URL wins on any host, reduced to its origin', () => {
    expect(publicSite({ SITE_URL: 'https://example.com/some/path' })).toEqual({ origin: 'https://example.com', from: 'SITE_URL' });
    expect(publicSite({ ...netlify, CONTEXT: 'deploy-preview', SITE_URL: 'https://example.com' }).from).toBe('SITE_URL');
    expect(publicSite({ CF_PAGES: '1', CF_PAGES_URL: 'https://abc.example.pages.dev', SITE_URL: 'https://example.com' }).from).toBe('SITE_URL');
  });

  test('Netlify production uses URL, the site’s main address', () => {
    expect(publicSite({ ...netlify, CONTEXT: 'production' })).toEqual({ origin: 'https://qwen-vs-llama3.netlify.app', from: 'URL' });
  });

  test('Netlify deploy previews and branch deploys use DEPLOY_PRIME_URL, their own address', () => {
    for (const context of ['deploy-preview', 'branch-deploy']) {
      expect(publicSite({ ...netlify, CONTEXT: context })).toEqual({
        origin: 'https://deploy-preview-7--qwen-vs-llama3.netlify.app',
        from: 'DEPLOY_PRIME_URL',
      });
    }
  });

  test('a variable named URL off Netlify is not taken for the site’s address', () => {
    expect(publicSite({ URL: 'https://elsewhere.example' })).toEqual({ origin: localOrigin, from: null });
  });

  test('Cloudflare Pages uses CF_PAGES_URL, and says to set SITE_URL for production', () => {
    const site = publicSite({ CF_PAGES: '1', CF_PAGES_URL: 'https://0a1b2c3d.qwen-vs-llama3.pages.dev' });
    expect(site).toEqual({ origin: 'https://0a1b2c3d.qwen-vs-llama3.pages.dev', from: 'CF_PAGES_URL' });
    expect(siteUrlWarning(site)).toMatch(/CF_PAGES_URL.*SITE_URL/);
  });

  test('with no site URL the build uses the local origin and its warning names SITE_URL', () => {
    const site = publicSite({});
    expect(site).toEqual({ origin: localOrigin, from: null });
    expect(siteUrlWarning(site)).toContain('Set SITE_URL');
    expect(siteUrlWarning(site)).toContain(localOrigin);
    expect(siteUrlWarning({ origin: 'https://example.com', from: 'SITE_URL' })).toBeNull();
    expect(siteUrlWarning({ origin: 'https://x.netlify.app', from: 'URL' })).toBeNull();
  });

  test('a malformed address fails the build, naming the variable it came from', () => {
    expect(() => publicSite({ SITE_URL: 'example.com' })).toThrow(/SITE_URL/);
    expect(() => publicSite({ NETLIFY: 'true', CONTEXT: 'production', URL: 'not a url' })).toThrow(/\bURL must/);
    expect(() => publicSite({ CF_PAGES: '1', CF_PAGES_URL: '::' })).toThrow(/CF_PAGES_URL/);
  });
});

describe('GitHub Pages: the workflow builds with what actions/configure-pages reports', () => {
  // configure-pages' documented outputs: origin "https://octocat.github.io" or a custom domain's,
  // base_path "/my-repo" or "".
  const cases = [
    { kind: 'project site', outputs: { origin: 'https://octocat.github.io', base_path: '/qwen-vs-llama3' }, base: '/qwen-vs-llama3/' },
    { kind: 'user site (octocat.github.io repository)', outputs: { origin: 'https://octocat.github.io', base_path: '' }, base: '/' },
    { kind: 'custom domain', outputs: { origin: 'https://llm.example.com', base_path: '' }, base: '/' },
  ];
  for (const { kind, outputs, base } of cases) {
    test(kind, () => {
      const env = pagesBuildEnv(outputs);
      expect(publicSite(env)).toEqual({ origin: outputs.origin, from: 'SITE_URL' });
      expect(basePath(env.BASE_PATH)).toBe(base);
    });
  }

  test('PUBLIC_MODEL_SOURCE comes from a repository variable, empty when unset', () => {
    const outputs = { origin: 'https://octocat.github.io', base_path: '' };
    expect(pagesBuildEnv(outputs, { PUBLIC_MODEL_SOURCE: 'hf-mirror' }).PUBLIC_MODEL_SOURCE).toBe('hf-mirror');
    expect(pagesBuildEnv(outputs).PUBLIC_MODEL_SOURCE).toBe('');
  });
});
