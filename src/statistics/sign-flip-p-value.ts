/**
 * Two-sided p-value of a paired sign-flip permutation test of "the mean
 * difference is zero". Under that hypothesis each difference is as likely
 * to have either sign, so each resample flips every sign with probability
 * 1/2 and asks whether the flipped mean is at least as far from zero as the
 * observed one. The observed arrangement counts as one of the
 * arrangements, giving (1 + hits) / (1 + resamples), which is never 0.
 */
export function signFlipPValue(
  differences: readonly number[],
  resamples: number,
  random: () => number,
): number {
  const observedDistance = Math.abs(sumOf(differences));
  const threshold = observedDistance - tieTolerance(differences);
  let hits = 0;
  for (let resample = 0; resample < resamples; resample += 1) {
    const flippedSum = drawFlippedSum(differences, random);
    if (Math.abs(flippedSum) >= threshold) hits += 1;
  }
  return (1 + hits) / (1 + resamples);
}

/**
 * Sums that are equal in exact arithmetic can differ in the last bits once
 * added in another order; such ties must count as "at least as far".
 */
function tieTolerance(differences: readonly number[]): number {
  let largest = 0;
  for (const difference of differences) {
    largest = Math.max(largest, Math.abs(difference));
  }
  return largest * differences.length * 1e-12;
}

function drawFlippedSum(
  differences: readonly number[],
  random: () => number,
): number {
  let sum = 0;
  for (const difference of differences) {
    sum += random() < 0.5 ? -difference : difference;
  }
  return sum;
}

function sumOf(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
}
