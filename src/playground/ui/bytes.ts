/**
 * Byte counts for readers, the one formatter of the site. Decimal units (1 MB = 1,000,000 bytes),
 * as Hugging Face, the mirrors and download pages state file sizes, so a figure here matches the
 * size a reader sees on the host: "308 MB", "1.8 GB", "512 B". The number is written by
 * groupDigits (format.ts), which says why it is not Intl.NumberFormat.
 */
import { groupDigits } from './format';

const UNITS = [
  { unit: 'B', size: 1 },
  { unit: 'kB', size: 1e3 },
  { unit: 'MB', size: 1e6 },
  { unit: 'GB', size: 1e9 },
  { unit: 'TB', size: 1e12 },
] as const;

/** One decimal below 100 of a unit ("12.3 MB"), whole numbers above ("308 MB"); bytes and kB whole. */
export function formatBytes(bytes: number): string {
  const value = Math.max(0, Number.isFinite(bytes) ? bytes : 0);
  let index = UNITS.length - 1;
  while (index > 0 && value < UNITS[index]!.size) index--;
  let { unit, size } = UNITS[index]!;
  let digits = index >= 2 && value / size < 100 ? 1 : 0;
  // 999.96 MB rounds to "1000.0 MB": say "1.0 GB" instead.
  if (index < UNITS.length - 1 && Number((value / size).toFixed(digits)) >= 1000) {
    ({ unit, size } = UNITS[++index]!);
    digits = 1;
  }
  return `${groupDigits(value / size, digits)} ${unit}`;
}

/** For estimates: "约 1.3 GB". */
export function aboutBytes(bytes: number): string {
  return `约 ${formatBytes(bytes)}`;
}

/**
 * Memory needs, which web-llm states in megabytes (vram_required_MB), in the same units as every
 * other size, as the article's build-size chart prints them.
 */
export function formatMegabytes(megabytes: number): string {
  return formatBytes(megabytes * 1e6);
}
