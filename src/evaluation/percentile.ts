import { FmopsError } from "../errors/index.js";
import type { LatencyPercentiles } from "../spec/index.js";

/**
 * The `p`th percentile (0 to 100) of `values`, interpolating linearly
 * between the two closest ranks as numpy's default method does: the value
 * at fractional rank (n - 1) * p / 100 of the sorted values. The input need
 * not be sorted and is not modified.
 *
 * @throws FmopsError (`USAGE`) for an empty input or `p` outside 0..100.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    throw new FmopsError("USAGE", "percentile of an empty list is undefined");
  }
  if (!(p >= 0 && p <= 100)) {
    throw new FmopsError(
      "USAGE",
      `percentile must be between 0 and 100, got ${String(p)}`,
    );
  }
  const sorted = [...values].sort((left, right) => left - right);
  const rank = ((sorted.length - 1) * p) / 100;
  const lowerIndex = Math.floor(rank);
  const lower = sorted[lowerIndex] ?? 0;
  const upper = sorted[Math.min(lowerIndex + 1, sorted.length - 1)] ?? lower;
  return lower + (rank - lowerIndex) * (upper - lower);
}

/**
 * p50, p95 and p99 of `values`. An empty input gives zeros rather than NaN
 * or an error: a cell with no cases has spent no time, and the summary stays
 * plain JSON numbers.
 */
export function latencyPercentiles(
  values: readonly number[],
): LatencyPercentiles {
  if (values.length === 0) return { p50: 0, p95: 0, p99: 0 };
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
  };
}
