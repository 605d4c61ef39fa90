/**
 * A sorted copy of `values`. Resampling from sorted values makes a seeded
 * result depend on the values alone, not on the order cases finished in,
 * so a resumed run summarises exactly as an uninterrupted one.
 */
export function ascending(values: readonly number[]): number[] {
  return [...values].sort((left, right) => left - right);
}
