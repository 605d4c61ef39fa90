/**
 * Means of `resamples` bootstrap samples of `values` (each drawn with
 * replacement, same size as the input), sorted ascending so percentiles
 * can be read off directly. `values` must not be empty.
 */
export function drawBootstrapMeans(
  values: readonly number[],
  resamples: number,
  random: () => number,
): Float64Array {
  // A packed copy keeps the hot loop on unboxed doubles.
  const packed = Float64Array.from(values);
  const means = new Float64Array(resamples);
  for (let resample = 0; resample < resamples; resample += 1) {
    means[resample] = drawOneBootstrapMean(packed, random);
  }
  return means.sort();
}

function drawOneBootstrapMean(
  values: Float64Array,
  random: () => number,
): number {
  const count = values.length;
  let sum = 0;
  for (let draw = 0; draw < count; draw += 1) {
    // random() < 1, so the index never reaches count.
    sum += values[Math.floor(random() * count)] ?? 0;
  }
  return sum / count;
}
