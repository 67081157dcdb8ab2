/**
 * Reading web-llm's InitProgressReport ({progress, timeElapsed, text}) into a LoadProgress.
 *
 * web-llm only says which phase it is in through the English text. The lines it writes
 * (node_modules/@mlc-ai/web-llm/lib/index.js, 0.2.86):
 *   "Start to fetch params"                                          (weights about to start)
 *   "Fetching param cache[3/24]: 120MB fetched. 12% completed, …"    (network → cache)
 *   "Loading model from cache[3/24]: 120MB loaded. 12% completed, …" (cache → GPU)
 *   "Loading GPU shader modules[10/85]: 11% completed, …"            (shader compilation)
 *   "Finish loading on WebGPU - <adapter>"
 * `progress` is the fraction of the current phase (fetchedBytes / totalBytes for weights).
 * Pure: no web-llm import, so the worker and tests share it.
 */

import type { LoadPhase, LoadProgress } from './chat-engine';

export interface InitProgressLike {
  progress: number;
  text: string;
}

export interface ProgressContext {
  /** Whether all weights were already cached when the load began ("Start to fetch…" then means cache). */
  weightsCached: boolean;
  /** Sum of tensor-cache.json shard sizes, when the worker could read it. */
  totalWeightBytes?: number;
}

const MiB = 1024 * 1024;

export function readInitProgress(report: InitProgressLike, context: ProgressContext): LoadProgress {
  const fraction = clampFraction(report.progress);
  const { text } = report;
  const withBytes = (phase: LoadPhase, megabytesFromText: number | undefined): LoadProgress => {
    const result: LoadProgress = { phase, fraction, text };
    if (context.totalWeightBytes !== undefined) {
      result.totalBytes = context.totalWeightBytes;
      result.loadedBytes = Math.round(fraction * context.totalWeightBytes);
    } else if (megabytesFromText !== undefined) {
      // web-llm rounds up to whole MB in the text; good enough until the exact total is known.
      result.loadedBytes = megabytesFromText * MiB;
    }
    return result;
  };

  if (text.startsWith('Fetching param cache')) {
    return withBytes('download', megabytes(text, /(\d+)MB fetched/));
  }
  if (text.startsWith('Loading model from cache')) {
    return withBytes('cache', megabytes(text, /(\d+)MB loaded/));
  }
  if (text.startsWith('Start to fetch params')) {
    return withBytes(context.weightsCached ? 'cache' : 'download', 0);
  }
  if (text.startsWith('Loading GPU shader modules')) {
    return { phase: 'compile', fraction, text };
  }
  return { phase: 'other', fraction, text };
}

function megabytes(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function clampFraction(value: number): number {
  // fetchedBytes / totalBytes is NaN for a model with no weight bytes listed.
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
