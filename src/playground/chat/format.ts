/**
 * How the chat island writes numbers for the reader. Pure, so the wording is unit-tested once and
 * every view says sizes, speeds and times the same way.
 */

import type { LoadPhase } from '../engine/chat-engine';

const MiB = 1024 * 1024;

/**
 * 12345 → "12,345". Not toLocaleString: its first call on a page loads the browser's locale data,
 * a 25–130 ms pause (more on a phone) that fell in the chat's start-up, where the model list
 * writes its sizes.
 */
function groupThousands(integer: number): string {
  return String(integer).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "312 MB": whole megabytes below 10 GB reads better than "0.3 GB" for model files. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / MiB;
  return `${mb < 10 ? mb.toFixed(1) : groupThousands(Math.round(mb))} MB`;
}

export function formatVram(megabytes: number): string {
  return megabytes >= 1024 ? `${(megabytes / 1024).toFixed(1)} GB` : `${Math.round(megabytes)} MB`;
}

export function formatPercent(fraction: number): string {
  // Floor, so "100%" only appears when the phase is really complete.
  return `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

export function formatSeconds(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(2)} 秒` : `${seconds.toFixed(1)} 秒`;
}

export function formatRate(perSecond: number, unit: string): string {
  if (!Number.isFinite(perSecond)) return '—';
  return `${perSecond < 100 ? perSecond.toFixed(1) : groupThousands(Math.round(perSecond))} ${unit}/秒`;
}

export const PHASE_LABELS: Readonly<Record<LoadPhase, string>> = {
  download: '下载',
  cache: '从缓存读取',
  compile: '编译着色器',
  other: '准备中',
};
