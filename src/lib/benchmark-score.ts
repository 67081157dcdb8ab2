/** A benchmark score as its source prints it: a string is kept as is, a number gets the table's decimals. */
export function formatScore(score: number | string, decimals: number): string {
  return typeof score === 'string' ? score : score.toFixed(decimals);
}
