// Ready to publish: the host's response headers (_headers), the Content-Security-Policy, and the
// files a host and a sharing preview need (404, sitemap, robots.txt, manifest, icons, social card).
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { headersFor, parseHeaders, pathMatches } from '../../scripts/publish/headers.mjs';
import { inlineCodeHashes } from '../../scripts/publish/page-policy.mjs';
import { modelHosts } from '../../model-hosts.config.mjs';
import { siteUrl as publicOrigin, socialImage } from '../../site.config.mjs';
import { builtPages, pageHtmlFile } from '../../scripts/site-files.mjs';
import { watchPageHealth } from './page-health';
import { rootSite, siteUrl, subSite } from './sites.mjs';
import { mountEveryIsland, openSettled } from './open-settled';

type Rule = { path: string; headers: [string, string][] };
const template: Rule[] = parseHeaders(readFileSync('public/_headers', 'utf8'));
const built = (site: typeof rootSite): Rule[] => parseHeaders(readFileSync(join(site.dir, '_headers'), 'utf8'));

/** The policy as { directive: sources[] }. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

const metaPolicy = (html: string) =>
  directives(/<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? '');

// A path of each kind the site serves, from the site's root.
const samplePaths = ['/', '/playground/', '/_astro/page.Ab12.js', '/_astro/tokenizer.Ab12.json', '/_astro/lib.Ab12.wasm', '/sw.js', '/manifest.webmanifest', '/social.png'];

test.describe('public/_headers', () => {
  test('sends the security headers everywhere and caches hashed assets for a year', () => {
    for (const path of samplePaths) {
      const headers = headersFor(template, path);
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      const permissions = headers['permissions-policy'] ?? '';
      for (const feature of ['camera', 'microphone', 'geolocation']) expect(permissions, path).toContain(`${feature}=()`);
      expect(permissions).not.toContain('interest-cohort');
    }
    expect(headersFor(template, '/_astro/page.Ab12.js')['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(headersFor(template, '/sw.js')['cache-control']).toBe('no-cache');
    expect(headersFor(template, '/_astro/lib.Ab12.wasm')['content-type']).toBe('application/wasm');
    expect(headersFor(template, '/_astro/tokenizer.Ab12.json')['content-type']).toMatch(/^application\/json/);
    expect(headersFor(template, '/manifest.webmanifest')['content-type']).toMatch(/^application\/manifest\+json/);
  });

  test('never sets one header in two rules that match the same path (hosts would join the values)', () => {
    for (const site of [rootSite, subSite]) {
      const rules = built(site);
      const paths = [...samplePaths.map((p) => site.base + p.slice(1)), ...builtPages(site.dir).map((p) => site.base + p)];
      for (const path of paths) {
        const names = rules
          .filter((rule) => pathMatches(rule.path, path))
          .flatMap((rule) => rule.headers.map(([name]) => name.toLowerCase()));
        expect(names.filter((name, i) => names.indexOf(name) !== i), path).toEqual([]);
      }
    }
  });

  test('the build puts every rule under the base path and revalidates every page', () => {
    for (const site of [rootSite, subSite]) {
      const rules = built(site);
      for (const rule of rules) expect(rule.path.startsWith(site.base), rule.path).toBe(true);
      for (const page of builtPages(site.dir).filter((p) => p.endsWith('/') || p === '')) {
        expect(headersFor(rules, site.base + page)['cache-control'], page).toBe('no-cache');
      }
    }
  });

  test('each page’s policy lists the hashes of exactly its own inline scripts and styles', () => {
    for (const site of [rootSite, subSite]) {
      for (const page of builtPages(site.dir)) {
        const html = readFileSync(join(site.dir, pageHtmlFile(page)), 'utf8');
        const meta = metaPolicy(html);
        const own = inlineCodeHashes(html);
        const listed = (name: string) => (meta[name] ?? []).filter((source) => source.startsWith("'sha"));
        expect(listed('script-src').sort(), `${page} scripts`).toEqual([...own.scripts].sort());
        expect(listed('style-src').sort(), `${page} styles`).toEqual([...own.styles].sort());
      }
    }
  });

  test('each page carries its styles in one <style>, with only the code colours it uses, and links no stylesheet', () => {
    for (const page of builtPages(rootSite.dir)) {
      const html = readFileSync(join(rootSite.dir, pageHtmlFile(page)), 'utf8');
      // A stylesheet file would be a round trip before the first paint.
      expect(html, page).not.toMatch(/<link[^>]+rel="stylesheet"/);
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(([, css]) => css!);
      expect(styles, page).toHaveLength(1);
      const used = new Set([...html.matchAll(/\sclass="([^"]*)"/g)].flatMap(([, names]) => names!.split(/\s+/)));
      const colours = [...styles[0]!.matchAll(/\.astro-code \.([\w-]+)\{/g)].map(([, name]) => name!);
      expect(colours.filter((name) => !used.has(name)), page).toEqual([]);
    }
    // The text page has code, so it keeps colours: the cut kept what is used.
    const text = readFileSync(join(rootSite.dir, 'index.html'), 'utf8');
    expect(text).toMatch(/\.astro-code \.s\w+\{/);
  });

  test('the header policy allows what every page’s meta allows, leaves inline code to the meta’s hashes, and adds frame-ancestors', () => {
    for (const site of [rootSite, subSite]) {
      const header = directives(headersFor(built(site), site.base)['content-security-policy'] ?? '');
      expect(header['frame-ancestors']).toEqual(["'none'"]);
      expect(Object.values(header).flat().filter((source) => source.startsWith("'sha"))).toEqual([]);
      for (const page of builtPages(site.dir)) {
        const file = join(site.dir, pageHtmlFile(page));
        const meta = metaPolicy(readFileSync(file, 'utf8'));
        expect(Object.keys(meta).length, page).toBeGreaterThan(5);
        for (const [name, sources] of Object.entries(meta)) {
          for (const source of sources) {
            const allowedBy = source.startsWith("'sha") ? "'unsafe-inline'" : source;
            expect(header[name], `${page}: ${name} ${source}`).toContain(allowedBy);
          }
        }
      }
    }
  });
});

test.describe('the Content-Security-Policy of every page', () => {
  for (const page of builtPages(rootSite.dir)) {
    test(`${page || '/'} allows only what the site needs`, () => {
      const file = join(rootSite.dir, pageHtmlFile(page));
      const csp = metaPolicy(readFileSync(file, 'utf8'));
      const scripts = csp['script-src'] ?? [];
      expect(scripts.slice(0, 2)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(scripts.filter((s) => !s.startsWith("'sha256-")).sort()).toEqual(["'self'", "'wasm-unsafe-eval'"].sort());
      expect(scripts.some((s) => s.startsWith("'sha256-"))).toBe(true);
      expect(csp['style-src']).not.toContain("'unsafe-inline'");
      expect(csp['style-src-attr']).toEqual(["'none'"]);
      expect(csp['connect-src']).toEqual(["'self'", ...modelHosts()]);
      expect(csp['default-src']).toEqual(["'self'"]);
      // blob: only for workers: the CPU path's wllama starts its workers from its bundled code.
      expect(csp['worker-src']).toEqual(["'self'", 'blob:']);
      expect(csp['img-src']).toEqual(["'self'", 'data:']);
      expect(csp['font-src']).toEqual(["'self'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['base-uri']).toEqual(["'self'"]);
      expect(csp['form-action']).toEqual(["'self'"]);
      const sources = Object.values(csp).flat();
      expect(sources).not.toContain("'unsafe-eval'");
      expect(scripts).not.toContain("'unsafe-inline'");
      const outsideWorkers = Object.entries(csp).flatMap(([directive, list]) => (directive === 'worker-src' ? [] : list));
      expect(outsideWorkers.filter((source) => source === '*' || /^(https?|blob):$|^http:/.test(source))).toEqual([]);
    });
  }
});

/** CSP violations as the page sees them, recorded from before any of its scripts run. */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

/** Every file of a build, relative to it, with forward slashes. */
const builtFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => file.split(sep).join('/'));

test.describe('served like a host', () => {
  test('real responses carry the headers of _headers (sub-path build)', async ({ request }) => {
    const base = siteUrl(subSite);
    const html = await request.get(base);
    expect(html.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(html.headers()['x-content-type-options']).toBe('nosniff');
    expect(html.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(html.headers()['permissions-policy']).toContain('camera=()');
    expect(html.headers()['cache-control']).toBe('no-cache');
    const script = /src="([^"]+\.js)"/.exec(await html.text())?.[1];
    expect(script).toBeTruthy();
    const asset = await request.get(new URL(script!, base).href);
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const sw = await request.get(`${base}sw.js`);
    expect(sw.headers()['cache-control']).toBe('no-cache');
    const manifest = await request.get(`${base}manifest.webmanifest`);
    expect(manifest.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    // The tokenizers' vocabularies are JSON files of the build.
    const json = builtFiles(subSite.dir).find((f) => f.endsWith('.json'));
    expect(json, 'a JSON file in the build').toBeDefined();
    expect((await request.get(base + json)).headers()['content-type'], json).toMatch(/^application\/json/);
    // The build ships no WebAssembly (model libraries come from the model source), but a site that
    // hosts its own next to it gets the type streaming compilation needs from the built rules.
    expect(headersFor(built(subSite), `${subSite.base}libs/model.wasm`)['content-type']).toBe('application/wasm');
  });

  test('with the header and the meta policy, pages run with no CSP violation and formulas keep their layout', async ({ page }) => {
    const violations = await recordViolations(page);
    const health = watchPageHealth(page);
    await openSettled(page, siteUrl(subSite));
    // Every island's code runs under the policy too.
    await expect(page.locator('[data-island-root]')).not.toHaveCount(0);
    await mountEveryIsland(page);
    expect(await violations()).toEqual([]);
    expect(health.consoleErrors.filter((e) => /Content Security Policy|Permissions-Policy/i.test(e))).toEqual([]);
    // The math font comes from the site itself (font-src 'self'), so formulas are laid out with it.
    await page.evaluate(() => document.fonts.ready);
    const layout = await page.evaluate(() => {
      const display = document.querySelector<HTMLElement>('.formula-display math')!;
      return {
        displayHeight: display.getBoundingClientRect().height,
        mathFont: document.fonts.check('16px "Noto Sans Math"', '\u{1d465}'),
        mathFontLoaded: [...document.fonts].some((face) => face.family.includes('Noto Sans Math') && face.status === 'loaded'),
      };
    });
    expect(layout.displayHeight).toBeGreaterThan(20);
    expect(layout.mathFontLoaded).toBe(true);
    expect(layout.mathFont).toBe(true);
    // Code is coloured: the stylesheet's token classes apply under the policy.
    const block = page.locator('pre.astro-code').first();
    const tokenColour = await block.locator('span[class]').first().evaluate((e) => getComputedStyle(e).color);
    expect(tokenColour).not.toBe(await block.evaluate((e) => getComputedStyle(e).color));
  });

  test('served with the header, a page still runs only the inline scripts its meta policy hashes', async ({ page }) => {
    const violations = await recordViolations(page);
    const response = await openSettled(page, siteUrl(subSite));
    expect(response?.headers()['content-security-policy']).toContain("'unsafe-inline'");
    const injected = await page.evaluate(async () => {
      const blocked = new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), { once: true }),
      );
      const script = document.createElement('script');
      script.textContent = 'window.injectedRan = true;';
      document.body.append(script);
      return { directive: await blocked, ran: (window as unknown as { injectedRan?: boolean }).injectedRan === true };
    });
    expect(injected).toEqual({ directive: 'script-src-elem', ran: false });
    expect((await violations()).length).toBe(1);
  });

  test('served with the header, a style attribute put into a page is refused', async ({ page }) => {
    const violations = await recordViolations(page);
    await openSettled(page, siteUrl(subSite));
    const injected = await page.evaluate(async () => {
      const blocked = new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), { once: true }),
      );
      const box = document.createElement('div');
      box.innerHTML = '<p style="position:fixed;inset:0;background:red">全屏覆盖</p>';
      document.body.append(box);
      return { directive: await blocked, position: getComputedStyle(box.firstElementChild!).position };
    });
    expect(injected).toEqual({ directive: 'style-src-attr', position: 'static' });
    // Refused by both policies, the header's and the meta's, and by nothing else on the page.
    expect((await violations()).map((violation) => violation.split(' ')[0])).toEqual(['style-src-attr', 'style-src-attr']);
  });

  test('no page asks any host but this one, even with its islands loaded', async ({ page }) => {
    const foreign: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') foreign.push(request.url());
    });
    for (const path of builtPages(rootSite.dir)) {
      await openSettled(page, siteUrl(rootSite) + path);
      await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
      await page.waitForLoadState('networkidle');
    }
    expect(foreign).toEqual([]);
  });
});

test.describe('files for hosts, crawlers and sharing', () => {
  for (const site of [rootSite, subSite]) {
    test(`a missing URL under ${site.base} gets the 404 page, with links under the base path`, async ({ page }) => {
      const response = await page.goto(`${siteUrl(site)}no/such/page/`);
      expect(response?.status()).toBe(404);
      await expect(page.locator('h1')).toHaveText('找不到这个页面');
      await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
      const links = await page.locator('main a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(links.length).toBeGreaterThanOrEqual(3);
      for (const link of links) {
        expect(new URL(link).pathname.startsWith(site.base), link).toBe(true);
        const target = await page.request.get(link);
        expect(target.status(), link).toBe(200);
      }
      // Its stylesheet loads from the base path even though the URL is deep.
      expect(await page.locator('body').evaluate((b) => getComputedStyle(b).fontFamily)).toContain('system-ui');
    });

    test(`robots.txt, the sitemap and the manifest under ${site.base}`, async ({ request }) => {
      const base = siteUrl(site);
      const robots = await (await request.get(`${base}robots.txt`)).text();
      const siteOrigin = publicOrigin(); // SITE_URL, as the test builds were made with it
      expect(robots).toContain(`Sitemap: ${siteOrigin}${site.base}sitemap-index.xml`);
      const index = await (await request.get(`${base}sitemap-index.xml`)).text();
      const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
      expect(sitemaps.length).toBeGreaterThan(0);
      const locs: string[] = [];
      for (const sitemap of sitemaps) {
        const xml = await (await request.get(base + sitemap.slice(`${siteOrigin}${site.base}`.length))).text();
        locs.push(...[...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!));
      }
      expect(locs).toContain(`${siteOrigin}${site.base}`);
      expect(locs).toContain(`${siteOrigin}${site.base}playground/`);
      expect(locs.filter((loc) => loc.includes('404'))).toEqual([]);

      const manifestResponse = await request.get(`${base}manifest.webmanifest`);
      const manifest = await manifestResponse.json();
      const manifestUrl = `${base}manifest.webmanifest`;
      expect(new URL(manifest.start_url, manifestUrl).pathname).toBe(site.base);
      expect(new URL(manifest.scope, manifestUrl).pathname).toBe(site.base);
      // PNG only: Chromium draws an SVG icon as a document of its own in the page's renderer when it
      // checks whether the site can be installed, a main-thread task of 40–130 ms as the page loads.
      expect(manifest.icons.map((icon: { type: string }) => icon.type)).toEqual(['image/png', 'image/png']);
      const sizes = new Set<string>();
      for (const icon of manifest.icons) {
        const response = await request.get(new URL(icon.src, manifestUrl).href);
        expect(response.status(), icon.src).toBe(200);
        if (icon.type === 'image/png') {
          const png = await response.body();
          expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
          sizes.add(icon.sizes);
        }
      }
      expect([...sizes].sort()).toEqual(['192x192', '512x512']);
    });
  }

  test('the article shares with a card made from its title, an absolute image URL and Article data', async ({ page, request }) => {
    const published = publicOrigin() + subSite.base;
    await page.goto(siteUrl(subSite));
    const meta = (selector: string) => page.locator(selector).getAttribute('content');
    const image = await meta('meta[property="og:image"]');
    expect(image).toBe(published + socialImage.file);
    expect(await meta('meta[name="twitter:image"]')).toBe(image);
    expect(await meta('meta[name="twitter:card"]')).toBe('summary_large_image');
    expect(await meta('meta[property="og:type"]')).toBe('article');
    const title = await page.title();
    expect(await meta('meta[property="og:title"]')).toBe(title);
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(published);
    expect(await meta('meta[property="og:url"]')).toBe(published);
    const png = await (await request.get(siteUrl(subSite) + socialImage.file)).body();
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([socialImage.width, socialImage.height]);

    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(jsonLd['@type']).toBe('Article');
    expect(jsonLd.headline).toBe(title);
    expect(jsonLd.inLanguage).toBe('zh-CN');
    expect(jsonLd.author.name).toBeTruthy();
    expect(jsonLd.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(jsonLd.dateModified >= jsonLd.datePublished).toBe(true);
    expect(jsonLd.image.url).toBe(image);
    expect(jsonLd.mainEntityOfPage).toBe(published);
  });
});
