import { meanOf } from "./mean-of.js";

/** Sample standard deviation (n − 1); 0 for fewer than two values. */
export function standardDeviationOf(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = meanOf(values);
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}
