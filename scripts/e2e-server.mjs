// Builds the site twice (at / and under a sub-path) and serves both, for the Playwright tests.
import { buildSite, localPreview } from './build-site.mjs';
import { startServer } from './serve.mjs';
import { rootSite, subSite, siteUrl } from '../tests/e2e/sites.mjs';

for (const site of [rootSite, subSite]) {
  buildSite({ outDir: site.dir, base: site.base, env: localPreview() });
}
for (const site of [rootSite, subSite]) {
  await startServer({ dir: site.dir, base: site.base, port: site.port });
  console.log(`serving ${siteUrl(site)}`);
}
