// Builds the site twice (at / and under a sub-path) and serves both on free ports for the
// Playwright tests. Fixed ports collided with other programs on shared machines (EADDRINUSE).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSite, localPreview } from '../../scripts/build-site.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { publishOrigin, rootSite, subSite } from './sites.mjs';

export default async function globalSetup() {
  const servers: Server[] = [];
  // Local previews: built for the local origin on purpose (publish.spec.ts expects it), without the
  // warning a build for publishing with no SITE_URL prints.
  for (const site of [rootSite, subSite]) buildSite({ outDir: site.dir, base: site.base, env: localPreview() });
  for (const site of [rootSite, subSite]) {
    const server = (await startServer({ dir: site.dir, base: site.base, host: '127.0.0.1', port: 0 })) as Server;
    servers.push(server);
    publishOrigin(site, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  return async () => {
    for (const server of servers) server.closeAllConnections();
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  };
}
