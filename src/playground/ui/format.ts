/**
 * How the model islands write numbers for the reader. Pure, so the wording is unit-tested once and
 * every view says sizes, speeds and times the same way.
 */

import type { LoadPhase } from '../engine/chat-engine';

export function formatSeconds(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(2)} 秒` : `${seconds.toFixed(1)} 秒`;
}

export function formatRate(perSecond: number, unit: string): string {
  if (!Number.isFinite(perSecond)) return '—';
  return `${perSecond < 100 ? perSecond.toFixed(1) : Math.round(perSecond).toLocaleString('en-US')} ${unit}/秒`;
}

export const PHASE_LABELS: Readonly<Record<LoadPhase, string>> = {
  download: '下载',
  cache: '从缓存读取',
  compile: '编译着色器',
  other: '准备中',
};
