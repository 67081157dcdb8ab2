// Where the in-browser models come from. The Content-Security-Policy's connect-src is built from
// this and nothing else, so a model source that is not covered here is blocked by the browser.
// The sources themselves (hosts, file layout, the PUBLIC_MODEL_SOURCE build setting) are defined
// once, in src/playground/sources/model-source.ts, which the page and the worker use too.
import { PRESET_SOURCES, connectSrcFor, parseModelSourceSetting } from './src/playground/sources/model-source.ts';

/**
 * The origins the browser may fetch models from: every source a reader can pick (Hugging Face
 * with its CDN hosts and GitHub's raw host for model libraries; hf-mirror.com with jsDelivr) and
 * the maintainer's own source from PUBLIC_MODEL_SOURCE, if set.
 */
export function modelHosts(setting = process.env.PUBLIC_MODEL_SOURCE) {
  const sources = [...PRESET_SOURCES, parseModelSourceSetting(setting)];
  return [...new Set(sources.flatMap(connectSrcFor))];
}
