import { ascending } from "./ascending.js";
import { drawBootstrapMeans } from "./bootstrap-means.js";
import { checkFiniteValues } from "./check-finite-values.js";
import { meanOf } from "./mean-of.js";
import { percentileInterval } from "./percentile-interval.js";
import {
  type ResamplingOptions,
  resolveResamplingOptions,
} from "./resampling-options.js";
import { createSeededRandom } from "./seeded-random.js";

/** A sample mean with the ends of its confidence interval. */
export interface MeanInterval {
  mean: number;
  low: number;
  high: number;
}

/** Resample count used when none is given. */
export const DEFAULT_BOOTSTRAP_RESAMPLES = 2_000;

/**
 * The mean of `values` with a percentile-bootstrap confidence interval.
 *
 * Method: draw `resamples` samples of the same size from `values` with
 * replacement (default 2,000, at least 1,000), take the mean of each, and
 * report the (1 − confidence) / 2 and (1 + confidence) / 2 quantiles of
 * those means as `low` and `high`. It assumes the values are independent
 * draws; it makes no assumption about their distribution, which suits
 * bounded scores such as 0/1 correctness. With few values (under about 20)
 * the interval tends to be too narrow.
 *
 * Returns `null` for an empty list; a single value gives low = high = mean.
 * The same values, in any order, and the same seed (default 1) give the
 * same interval: the draws are made from the values sorted.
 *
 * @throws FmopsError (`USAGE`) for a non-finite value or a bad option.
 */
export function bootstrapMeanInterval(
  values: readonly number[],
  options?: ResamplingOptions,
): MeanInterval | null {
  const resolved = resolveResamplingOptions(
    options,
    DEFAULT_BOOTSTRAP_RESAMPLES,
  );
  checkFiniteValues(values, "values");
  if (values.length === 0) return null;

  const sorted = ascending(values);
  const mean = meanOf(sorted);
  if (values.length === 1) return { mean, low: mean, high: mean };

  const random = createSeededRandom(resolved.seed);
  const means = drawBootstrapMeans(sorted, resolved.resamples, random);
  return { mean, ...percentileInterval(means, resolved.confidence) };
}
