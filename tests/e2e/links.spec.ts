// Every internal link, asset reference and #anchor in the built HTML resolves, at the root and
// under the sub-path: read from the files, so it covers every page without a browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { builtPages, pageHtmlFile, servedFile } from '../../scripts/site-files.mjs';
import { rootSite, siteUrl, subSite } from './sites.mjs';

const origin = 'http://site.invalid';

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  if (!ids.has(file)) {
    const html = readFileSync(file, 'utf8');
    ids.set(file, new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => decodeEntities(m[1]!))));
  }
  return ids.get(file)!;
}

const decodeEntities = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[entity]!);

for (const site of [rootSite, subSite]) {
  test(`every internal link and anchor resolves in the build for ${site.base}`, () => {
    const broken: string[] = [];
    let checked = 0;
    for (const page of builtPages(site.dir)) {
      const file = join(site.dir, pageHtmlFile(page));
      // The 404 page is served at any URL, so its links must work from anywhere: resolve them from a deep one.
      const pageUrl = new URL(page === '404.html' ? `${site.base}some/missing/page/` : site.base + page, origin);
      const html = readFileSync(file, 'utf8');
      const refs = [...html.matchAll(/<(?:a|link|script|img|source)\b[^>]*?\s(?:href|src)="([^"]*)"/g)].map((m) => decodeEntities(m[1]!));
      for (const ref of refs) {
        const url = new URL(ref, pageUrl);
        if (url.origin !== origin) continue;
        checked++;
        const target = ref.startsWith('#') || url.pathname === pageUrl.pathname ? file : servedFile(site.dir, site.base, url.pathname);
        if (!target) {
          broken.push(`${page || '/'}: ${ref} (no file for ${url.pathname})`);
          continue;
        }
        if (url.hash && url.hash !== '#') {
          const id = decodeURIComponent(url.hash.slice(1));
          if (!idsOf(target).has(id)) broken.push(`${page || '/'}: ${ref} (no #${id} in ${target})`);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });
}

for (const site of [rootSite, subSite]) {
  test(`no page of the build for ${site.base} gives one id to two elements`, () => {
    const duplicated: string[] = [];
    for (const page of builtPages(site.dir)) {
      const html = readFileSync(join(site.dir, pageHtmlFile(page)), 'utf8');
      const seen = new Set<string>();
      for (const [, id] of html.matchAll(/<[a-z][\w-]*\b[^>]*?\sid="([^"]+)"/g)) {
        if (seen.has(id!)) duplicated.push(`${page || '/'}: #${id}`);
        seen.add(id!);
      }
    }
    // Anchors, labels and ARIA references (each citation's preview) find the first element only.
    expect(duplicated).toEqual([]);
  });
}

// Where the download source is chosen and downloaded models are managed: readers for whom Hugging
// Face is slow or blocked find it from the article's chat demo and from the arena page.
for (const [path, where] of [
  ['', 'article .island-slot[data-island="chat"] .island-static'],
  ['playground/arena/', 'article.arena-page > p'],
] as const) {
  test(`${path || 'the article'}: a link leads to the models page, under the sub-path too`, async ({ browser }) => {
    // JavaScript off: the link is part of the page, not of a demo.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(siteUrl(subSite) + path);
    await page.locator(where).getByRole('link', { name: '模型下载源与本机存储' }).first().click();
    await expect(page).toHaveURL(`${siteUrl(subSite)}playground/models/`);
    await expect(page.locator('h1')).toHaveText('模型下载源与本机存储');
    await context.close();
  });
}

// The appendices were sections of the text page: links made then, to their anchors there, still
// arrive, under the sub-path too.
for (const [old, page, id] of [
  ['参考文献', 'references/', null],
  ['ref-Vaswani', 'references/', 'ref-Vaswani'],
  ['附录勘误表', 'errata/', null],
  ['errata-row-E3', 'errata/', 'errata-row-E3'],
  ['91-阿里通义千问和-llama-3-有哪些区别', 'faq/', '91-阿里通义千问和-llama-3-有哪些区别'],
  ['erratum-E27', 'faq/', 'erratum-E27'],
] as const) {
  test(`an old link to #${old} on the text page leads to /${page}${id ? `#${id}` : ''}`, async ({ page: tab }) => {
    await tab.goto(`${siteUrl(subSite)}#${encodeURIComponent(old)}`);
    await expect.poll(() => decodeURIComponent(tab.url())).toBe(`${siteUrl(subSite)}${page}${id ? `#${id}` : ''}`);
    if (id) await expect(tab.locator(`[id="${id}"]`)).toBeInViewport();
  });
}

test('a fragment that names nothing, old or new, leaves the reader on the text page', async ({ page }) => {
  await page.goto(`${siteUrl(subSite)}#no-such-place`);
  await expect(page.locator('.toc-page[data-page="text"] [aria-current="page"]')).toHaveCount(1);
  await page.waitForLoadState('networkidle');
  expect(new URL(page.url()).pathname).toBe(subSite.base);
});
