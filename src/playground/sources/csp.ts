/**
 * Does the site's Content-Security-Policy let the engine fetch from a model source?
 *
 * A reader can type any mirror URL, but the site's policy only lets the browser connect to the
 * hosts the maintainer configured; without this check the download would just fail with a
 * bare "Failed to fetch". Pure: the view reads the policy text out of the page and passes it in.
 * Matching follows CSP Level 3's source-expression rules for the parts a connect-src uses.
 */

import { blockedSourceMessage } from './blocked-message';
import { describeSource, type ModelSource } from './model-source';

/** The connect-src list (default-src when there is none); null when the policy does not limit fetches. */
export function connectSources(policy: string): string[] | null {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name === undefined || name === '') continue;
    const key = name.toLowerCase();
    // The first occurrence of a directive wins; later duplicates are ignored by browsers.
    if (!directives.has(key)) directives.set(key, values);
  }
  return directives.get('connect-src') ?? directives.get('default-src') ?? null;
}

const HOST_SOURCE =
  /^(?:(?<scheme>[a-z][a-z0-9+.-]*):\/\/)?(?<host>\*|(?:\*\.)?[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(?<port>\d+|\*))?(?<path>\/[^?#]*)?$/i;

/** Whether one URL may be fetched under a connect-src list, for a page at `pageUrl`. */
export function urlAllowed(target: string, sources: readonly string[], pageUrl: string): boolean {
  const url = new URL(target);
  const page = new URL(pageUrl);
  return sources.some((expression) => matches(url, expression, page));
}

function schemeMatches(expressionScheme: string, urlScheme: string): boolean {
  // An http expression also allows the https upgrade of the same URL.
  return expressionScheme === urlScheme || (expressionScheme === 'http:' && urlScheme === 'https:');
}

function matches(url: URL, rawExpression: string, page: URL): boolean {
  // Keywords, schemes and hosts compare without case; paths (CSP's path-part match) with it:
  // Hugging Face repositories such as Qwen/Qwen3-0.6B-GGUF have capitals.
  const expression = rawExpression.toLowerCase();
  if (expression === '*') return url.protocol === 'http:' || url.protocol === 'https:';
  if (expression === "'self'") return url.origin === page.origin;
  if (/^[a-z][a-z0-9+.-]*:$/.test(expression)) return schemeMatches(expression, url.protocol);
  const parts = HOST_SOURCE.exec(rawExpression)?.groups;
  if (parts === undefined) return false; // 'none', nonces, hashes and other keywords allow no URL
  const scheme = parts.scheme === undefined ? page.protocol : `${parts.scheme.toLowerCase()}:`;
  if (!schemeMatches(scheme, url.protocol)) return false;
  const host = parts.host!.toLowerCase();
  const urlHost = url.hostname.toLowerCase();
  if (host.startsWith('*.')) {
    if (!urlHost.endsWith(host.slice(1))) return false;
  } else if (host !== '*' && host !== urlHost) {
    return false;
  }
  if (parts.port === undefined) {
    // No port: only the default port (url.port is '' then), or 80 upgraded to 443.
    if (url.port !== '') return false;
  } else if (parts.port !== '*' && parts.port !== (url.port || (url.protocol === 'https:' ? '443' : '80'))) {
    return false;
  }
  if (parts.path !== undefined) {
    const path = decodeURIComponent(parts.path);
    const urlPath = decodeURIComponent(url.pathname);
    return path.endsWith('/') ? urlPath.startsWith(path) : urlPath === path;
  }
  return true;
}

export type SourcePolicyCheck =
  | { allowed: true }
  | {
      allowed: false;
      /** Origins the source needs that the policy refuses. */
      blockedOrigins: string[];
      /** Chinese, for the reader. */
      message: string;
    };

/**
 * Checks a model folder and a library URL of `source` against every policy on the page (each
 * one must allow a fetch). `policies` are the content strings of the page's CSP meta tags.
 */
export function checkSourceAgainstPolicies(
  source: ModelSource,
  policies: readonly string[],
  pageUrl: string,
): SourcePolicyCheck {
  const probes = [
    `${source.weightsBase}model/resolve/main/mlc-chat-config.json`,
    `${source.libsBase}model.wasm`,
  ];
  const blocked = new Set<string>();
  const allowedHosts = new Set<string>();
  for (const policy of policies) {
    const sources = connectSources(policy);
    if (sources === null) continue;
    for (const expression of sources) {
      const host = readableHost(expression);
      if (host !== null) allowedHosts.add(host);
    }
    for (const probe of probes) {
      if (!urlAllowed(probe, sources, pageUrl)) blocked.add(new URL(probe).origin);
    }
  }
  if (blocked.size === 0) return { allowed: true };
  const blockedOrigins = [...blocked];
  return {
    allowed: false,
    blockedOrigins,
    message: blockedSourceMessage(blockedOrigins, [...allowedHosts], describeSource(source)),
  };
}

function readableHost(expression: string): string | null {
  if (expression === "'self'") return '本站';
  const parts = HOST_SOURCE.exec(expression)?.groups;
  if (parts?.host === undefined || parts.host === '*') return null;
  // "huggingface.co/mlc-ai/": the folder says more than the host where the policy names one.
  return parts.path === undefined || parts.path === '/' ? parts.host : `${parts.host}${parts.path}`;
}
