/** Arithmetic mean of a non-empty list; NaN for an empty one. */
export function meanOf(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
