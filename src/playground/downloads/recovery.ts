/**
 * What to offer after a download failed.
 *
 * web-llm caches file by file and skips every file already cached, so for an interrupted or
 * refused download, loading again IS resuming. But a cached file that can never load (a mirror's
 * error page stored as the library, a manifest that is not JSON — web-llm #289) fails the same
 * way on every retry; then the model's files must be deleted first.
 */

import type { EngineErrorKind } from '../engine/errors';
import type { CachedModelReport } from '../engine/cache-inspection';
import { aboutBytes } from '../ui/bytes';

export type Recovery =
  | { action: 'resume'; message: string }
  | { action: 'clean-redownload'; message: string }
  | { action: 'none' };

export function recoveryFor(kind: EngineErrorKind, report: CachedModelReport | undefined): Recovery {
  const damaged = report?.files.some((file) => file.problem !== undefined) ?? false;
  if (damaged || kind === 'corrupt-model-library' || kind === 'corrupt-download' || kind === 'integrity') {
    return {
      action: 'clean-redownload',
      message: '已下载的文件里有损坏的，重试也会失败：请删除这个模型已下载的全部文件，再重新下载。',
    };
  }
  if (kind === 'download-failed' || kind === 'network') {
    const kept = report?.files.reduce((sum, file) => sum + file.bytes, 0) ?? 0;
    return {
      action: 'resume',
      message:
        kept > 0
          ? `已下载的 ${report!.files.length} 个文件（${aboutBytes(kept)}）会保留，重试时只下载缺少的部分。`
          : '重试时会重新开始下载。',
    };
  }
  return { action: 'none' };
}
