/**
 * Byte counts for readers. Binary units under the familiar names (1 GB = 1024³ bytes), the way
 * web-llm's own progress text and most operating systems count them.
 */

const KB = 1024;
const MB = KB * 1024;
const GB = MB * 1024;

export function formatBytes(bytes: number): string {
  const value = Math.max(0, bytes);
  if (value >= GB) return `${(value / GB).toFixed(value >= 100 * GB ? 0 : 1)} GB`;
  if (value >= MB) return `${(value / MB).toFixed(value >= 100 * MB ? 0 : 1)} MB`;
  if (value >= KB) return `${Math.round(value / KB)} KB`;
  return `${Math.round(value)} 字节`;
}

/** For estimates: "约 1.3 GB". */
export function aboutBytes(bytes: number): string {
  return `约 ${formatBytes(bytes)}`;
}
