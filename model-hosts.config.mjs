// Where the in-browser models come from. The Content-Security-Policy's connect-src is built from
// this and nothing else. The sources themselves (folders, redirect hosts, file layout) are defined
// once, in src/playground/sources/model-source.ts; the engine worker runs under this policy (it
// starts from a blob: URL) and also enforces the same list itself (sources/site-policy.ts).
import { configuredSources, connectSrcFor } from './src/playground/sources/model-source.ts';

/**
 * The places the browser may fetch models from, as CSP source expressions: the folders of the two
 * presets (Hugging Face's mlc-ai organisation and GitHub's model-library repository; hf-mirror.com
 * with jsDelivr) with their CDN hosts, the maintainer's own source from PUBLIC_MODEL_SOURCE, and
 * any base URLs in PUBLIC_EXTRA_MODEL_SOURCES (space- or comma-separated) readers may pick.
 */
export function modelHosts(env = process.env) {
  return [...new Set(configuredSources(env).flatMap(connectSrcFor))];
}
