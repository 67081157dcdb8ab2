/**
 * Linear scales for bar charts that start at zero: a readable tick step (1, 2, 2.5 or 5 × 10ⁿ)
 * and an axis end that is the first tick at or above the largest value, so no bar is cut off and
 * the axis never claims a range the data does not need.
 */

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/** The smallest nice number (1, 2, 2.5, 5 × 10ⁿ) at or above `value`; `value` must be positive. */
export function niceStep(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`niceStep needs a positive number, got ${value}`);
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = NICE_STEPS.find((candidate) => candidate * magnitude >= value * (1 - 1e-12))!;
  return step * magnitude;
}

export interface Axis {
  /** Where the axis ends; bars are drawn as value / max of the plot width. */
  max: number;
  /** Tick values from 0 to max inclusive. */
  ticks: number[];
}

/** An axis from zero with about `count` steps covering `largest`; a fixed end (e.g. 100 for percentages) may be given. */
export function zeroBasedAxis(largest: number, options: { count?: number; max?: number } = {}): Axis {
  if (largest < 0) throw new RangeError('bars start at zero: negative values are not supported');
  const target = options.max ?? (largest > 0 ? largest : 1);
  if (target < largest) throw new RangeError(`the axis ends at ${target}, below the largest value ${largest}`);
  const step = niceStep(target / (options.count ?? 4));
  const steps = Math.ceil(target / step - 1e-9);
  const max = options.max ?? steps * step;
  const ticks = Array.from({ length: steps + 1 }, (_, i) => Math.min(i * step, max));
  return { max, ticks: [...new Set(ticks)] };
}

/** Digits a tick label needs: none for whole steps, up to two for fractional ones. */
export function tickDecimals(ticks: number[]): number {
  const fractional = (value: number, digits: number) => Math.abs(value * 10 ** digits - Math.round(value * 10 ** digits)) > 1e-9;
  return ticks.some((t) => fractional(t, 1)) ? 2 : ticks.some((t) => fractional(t, 0)) ? 1 : 0;
}

export function formatTicks(ticks: number[]): string[] {
  const digits = tickDecimals(ticks);
  return ticks.map((tick) => tick.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
}
