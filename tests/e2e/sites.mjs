// The two builds the browser tests run against: the site at the root and under a sub-path, as a
// maintainer would publish it on GitHub Pages. Their servers listen on ports the system picks
// (port 0): Playwright's global setup starts them and publishes each origin in the environment,
// which the test workers inherit.
export const rootSite = { name: 'ROOT', dir: '.builds/root', base: '/' };
export const subSite = { name: 'SUB', dir: '.builds/sub', base: '/qwen-vs-llama3/' };

const originVariable = (site) => `E2E_${site.name}_ORIGIN`;

export function publishOrigin(site, origin) {
  process.env[originVariable(site)] = origin;
}

/** The served site's URL, or undefined before the global setup has started its server. */
export function startedSiteUrl(site) {
  const origin = process.env[originVariable(site)];
  return origin ? `${origin}${site.base}` : undefined;
}

export function siteUrl(site) {
  const url = startedSiteUrl(site);
  if (!url) throw new Error(`${site.dir} is not being served: run the tests with Playwright (its global setup serves it)`);
  return url;
}
