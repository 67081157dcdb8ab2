/**
 * How the explorer writes numbers. Every table shows values as text, so colour never carries
 * meaning on its own; the mask makes exact zeros and −∞ on purpose, so those are spelled out
 * instead of being rounded into "0.00" or hidden.
 */

/** The true minus sign: a hyphen next to digits is easy to miss in a dense table. */
const MINUS = '−';

export function formatValue(value: number, digits = 2): string {
  if (value === -Infinity) return `${MINUS}∞`;
  if (value === Infinity) return '∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value).toFixed(digits);
  // A tiny negative value rounds to 0.00; a sign in front would suggest a negative weight.
  if (Number(magnitude) === 0) return magnitude;
  return value < 0 ? `${MINUS}${magnitude}` : magnitude;
}
