/** Lower and upper end of an interval. */
export interface IntervalBounds {
  low: number;
  high: number;
}

/**
 * The central `confidence` share of an ascending, non-empty list: its
 * (1 − confidence) / 2 and (1 + confidence) / 2 quantiles, interpolated
 * linearly between neighbouring ranks (rank = (n − 1) · q).
 */
export function percentileInterval(
  sortedValues: Float64Array,
  confidence: number,
): IntervalBounds {
  const tail = (1 - confidence) / 2;
  return {
    low: sortedQuantile(sortedValues, tail),
    high: sortedQuantile(sortedValues, 1 - tail),
  };
}

function sortedQuantile(sortedValues: Float64Array, quantile: number): number {
  const rank = (sortedValues.length - 1) * quantile;
  const lowerIndex = Math.floor(rank);
  const upperIndex = Math.min(lowerIndex + 1, sortedValues.length - 1);
  const lower = sortedValues[lowerIndex] ?? Number.NaN;
  const upper = sortedValues[upperIndex] ?? lower;
  return lower + (rank - lowerIndex) * (upper - lower);
}
