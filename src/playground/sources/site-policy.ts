/**
 * The sources and download allow-list this build of the site was configured with, read from the
 * build environment (PUBLIC_MODEL_SOURCE, PUBLIC_EXTRA_MODEL_SOURCES) exactly as
 * model-hosts.config.mjs reads it for the Content-Security-Policy. The page and the engine worker
 * both call this, so what the picker offers is what the worker lets through.
 */

import { hostPolicy, type HostPolicy } from './host-policy';
import { configuredSources, type ModelSource } from './model-source';

function setting(raw: unknown): string | undefined {
  return typeof raw === 'string' ? raw : undefined;
}

export function siteSources(): ModelSource[] {
  return configuredSources({
    PUBLIC_MODEL_SOURCE: setting(import.meta.env.PUBLIC_MODEL_SOURCE),
    PUBLIC_EXTRA_MODEL_SOURCES: setting(import.meta.env.PUBLIC_EXTRA_MODEL_SOURCES),
  });
}

/** Loopback http is allowed only when the site runs from a development server. */
export function siteHostPolicy(): HostPolicy {
  return hostPolicy(siteSources(), { loopback: import.meta.env.DEV === true });
}
