import { FmopsError } from "../errors/index.js";
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
import { signFlipPValue } from "./sign-flip-p-value.js";

/** How far `right` lies from `left` on the same cases, and how surely. */
export interface PairedDifference {
  /** Mean of right_i − left_i; positive when `right` scores higher. */
  meanDifference: number;
  /** Lower end of the bootstrap interval of the mean difference. */
  low: number;
  /** Upper end of the bootstrap interval of the mean difference. */
  high: number;
  /** Two-sided sign-flip permutation p-value; never 0. */
  pValue: number;
  pairCount: number;
}

/** Resample count used when none is given. */
export const DEFAULT_PAIRED_RESAMPLES = 5_000;

/**
 * Compares two score lists measured on the same cases: element i of both
 * lists must belong to the same question. Pairing removes the variation
 * between questions, so it detects smaller differences than comparing two
 * separate means.
 *
 * Works on d_i = right_i − left_i. The interval is a percentile bootstrap
 * of mean d (pairs resampled together); the p-value comes from a sign-flip
 * permutation test (see `signFlipPValue`). Both use `resamples` draws
 * (default 5,000, at least 1,000) from one generator seeded with `seed`
 * (default 1). When every d_i is 0 the result is p = 1 and [0, 0].
 *
 * The same pairs, in any order, with the same seed give the same result:
 * the draws are made from the differences sorted.
 *
 * Returns `null` when there are no pairs.
 *
 * @throws FmopsError (`USAGE`) when the lists differ in length, hold a
 * non-finite value, or an option is out of range.
 */
export function pairedDifferenceTest(
  left: readonly number[],
  right: readonly number[],
  options?: ResamplingOptions,
): PairedDifference | null {
  const resolved = resolveResamplingOptions(options, DEFAULT_PAIRED_RESAMPLES);
  const differences = ascending(pairDifferences(left, right));
  if (differences.length === 0) return null;

  const random = createSeededRandom(resolved.seed);
  const means = drawBootstrapMeans(differences, resolved.resamples, random);
  return {
    meanDifference: meanOf(differences),
    ...percentileInterval(means, resolved.confidence),
    pValue: signFlipPValue(differences, resolved.resamples, random),
    pairCount: differences.length,
  };
}

function pairDifferences(
  left: readonly number[],
  right: readonly number[],
): number[] {
  if (left.length !== right.length) {
    throw new FmopsError(
      "USAGE",
      `paired test needs one right score per left score, got ${left.length} left and ${right.length} right`,
    );
  }
  checkFiniteValues(left, "left");
  checkFiniteValues(right, "right");
  return right.map((rightValue, index) => rightValue - (left[index] ?? 0));
}
