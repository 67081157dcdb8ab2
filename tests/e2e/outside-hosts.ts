/**
 * The hostile side of the network-policy tests: the built site served as a host that ignores
 * _headers (no Content-Security-Policy header), a real server outside the allow-list that counts
 * what reaches it, and a browser in which only the site's policy stands between a redirect and
 * that server.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, BrowserType } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium-path.mjs';

export const CORS = { 'access-control-allow-origin': '*' };

/** Drops the headers _headers adds (the CSP above all), as a host that does not read that file. */
export async function serveWithoutHeaders(context: BrowserContext, baseURL: string): Promise<void> {
  const origin = new URL(baseURL).origin;
  await context.route(
    (url) => url.origin === origin,
    async (route) => {
      const response = await route.fetch();
      const { 'content-security-policy': _csp, 'permissions-policy': _pp, ...headers } = response.headers();
      await route.fulfill({ response, headers });
    },
  );
}

/** A real server on another origin (outside the allow-list), counting what reaches it. */
export async function outsideServer(): Promise<{ origin: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    received.push(request.url ?? '');
    response.writeHead(200, { ...CORS, 'content-type': 'application/json' });
    // Would parse as a model configuration: only the policy stands between it and the engine.
    response.end(JSON.stringify({ model_type: 'qwen2', vocab_size: 151_936, context_window_size: 4096, tokenizer_files: ['tokenizer.json'] }));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}

/**
 * Chromium's Local Network Access checks refuse a redirect from a public host to this machine
 * (and any redirect a route fulfils) before the request is sent; a browser of the test's own
 * turns them off, so the redirect meets only the site's policy, as between two public hosts.
 */
export function launchWithoutLocalNetworkChecks(chromium: BrowserType, { webgpu }: { webgpu: boolean }): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [...chromiumArgs({ webgpu }), '--disable-features=LocalNetworkAccessChecks'],
  });
}
