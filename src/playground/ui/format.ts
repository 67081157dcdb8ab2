/**
 * How the model islands write numbers for the reader. Pure, so the wording is unit-tested once and
 * every view says sizes, speeds and times the same way.
 */

import type { LoadPhase } from '../engine/chat-engine';

/**
 * 12345 → "12,345", and with `digits`, 1234.56 → "1,234.6". Not Intl.NumberFormat or
 * toLocaleString: the first locale-aware call on a page loads the browser's locale data, 14–48 ms
 * on the main thread here (several times that on a phone), and it fell in the chat's and arena's
 * start-up, where the model list writes its sizes.
 */
export function groupDigits(value: number, digits = 0): string {
  const [integer = '0', fraction] = value.toFixed(digits).split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export function formatSeconds(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(2)} 秒` : `${seconds.toFixed(1)} 秒`;
}

export function formatRate(perSecond: number, unit: string): string {
  if (!Number.isFinite(perSecond)) return '—';
  return `${perSecond < 100 ? perSecond.toFixed(1) : groupDigits(perSecond)} ${unit}/秒`;
}

export const PHASE_LABELS: Readonly<Record<LoadPhase, string>> = {
  download: '下载',
  cache: '从缓存读取',
  compile: '编译着色器',
  other: '准备中',
};
