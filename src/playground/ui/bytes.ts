/**
 * Byte counts for readers, the one formatter of the site. Decimal units (1 MB = 1,000,000 bytes),
 * as Hugging Face, the mirrors and download pages state file sizes, so a figure here matches the
 * size a reader sees on the host. Intl.NumberFormat writes the number and the unit ("308 MB",
 * "1.8 GB", "512 B").
 */

const UNITS = [
  { unit: 'byte', size: 1 },
  { unit: 'kilobyte', size: 1e3 },
  { unit: 'megabyte', size: 1e6 },
  { unit: 'gigabyte', size: 1e9 },
  { unit: 'terabyte', size: 1e12 },
] as const;

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(unit: string, digits: number): Intl.NumberFormat {
  const key = `${unit}/${digits}`;
  let found = formatters.get(key);
  if (found === undefined) {
    found = new Intl.NumberFormat('zh-CN', {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, found);
  }
  return found;
}

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
  return formatter(unit, digits).format(value / size);
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
