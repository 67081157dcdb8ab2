// The two builds the browser tests run against: the site at the root and under a sub-path, as a
// maintainer would publish it on GitHub Pages.
export const rootSite = { dir: '.builds/root', base: '/', port: 4400 };
export const subSite = { dir: '.builds/sub', base: '/qwen-vs-llama3/', port: 4401 };
export const siteUrl = (site) => `http://127.0.0.1:${site.port}${site.base}`;
