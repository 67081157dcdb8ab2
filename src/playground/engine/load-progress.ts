/**
 * Reading web-llm's InitProgressReport ({progress, timeElapsed, text}) into a LoadProgress.
 *
 * web-llm only says which phase it is in through the English text (web-llm-contract.ts lists the
 * texts). `progress` is the fraction of the current phase (fetchedBytes / totalBytes for weights).
 * Pure: no web-llm import, so the worker and tests share it.
 */

import type { LoadPhase, LoadProgress } from './chat-engine';
import { PROGRESS_MEGABYTES, PROGRESS_TEXTS } from './web-llm-contract';

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

  if (text.startsWith(PROGRESS_TEXTS.downloadingWeights)) {
    return withBytes('download', megabytes(text, PROGRESS_MEGABYTES.downloadingWeights));
  }
  if (text.startsWith(PROGRESS_TEXTS.readingCachedWeights)) {
    return withBytes('cache', megabytes(text, PROGRESS_MEGABYTES.readingCachedWeights));
  }
  if (text.startsWith(PROGRESS_TEXTS.weightsStarting)) {
    return withBytes(context.weightsCached ? 'cache' : 'download', 0);
  }
  if (text.startsWith(PROGRESS_TEXTS.compilingShaders)) {
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
