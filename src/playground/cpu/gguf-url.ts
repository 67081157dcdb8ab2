/**
 * Where a GGUF build is downloaded from, for each model source. The hosts are the sources' own
 * (model-source.ts); only the path differs from web-llm's layout, because GGUF builds live in
 * other owners' repositories (Qwen/…, bartowski/…) and are single files:
 *   Hugging Face, hf-mirror.com: <origin>/<owner>/<repo>/resolve/main/<file>
 *   self-hosted:                 <base>gguf/<owner>/<repo>/<file>
 */

import type { ModelSource } from '../sources/model-source';
import type { GgufBuild } from './gguf-catalogue';

export function ggufUrl(build: Pick<GgufBuild, 'repo' | 'file'>, source: ModelSource): string {
  if (source.id === 'custom') return `${source.weightsBase}gguf/${build.repo}/${build.file}`;
  return `${new URL(source.weightsBase).origin}/${build.repo}/resolve/main/${build.file}`;
}
