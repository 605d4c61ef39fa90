/** A score in [0, 1] to three places; unscored as a dash. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : value.toFixed(3);
}

/**
 * A mean and its 95% interval as `0.692 ±0.041`, the ± being half the
 * interval's width (the exact bounds are in the JSON output).
 */
export function formatScoreWithInterval(
  value: number | null | undefined,
  interval: { low: number; high: number } | null | undefined,
): string {
  if (value === null || value === undefined) return "–";
  if (interval === null || interval === undefined) return value.toFixed(3);
  const halfWidth = (interval.high - interval.low) / 2;
  return `${value.toFixed(3)} ±${halfWidth.toFixed(3)}`;
}

/** A difference of scores with its sign, to three places: `+0.125`, `-0.040`. */
export function formatChange(value: number): string {
  const rounded = value.toFixed(3);
  if (rounded === "-0.000") return "0.000";
  return value > 0 ? `+${rounded}` : rounded;
}

/** A p-value to three places, tiny ones as `<0.001`. */
export function formatPValue(pValue: number): string {
  return pValue < 0.001 ? "<0.001" : pValue.toFixed(3);
}

/** Milliseconds with precision that suits their size. */
export function formatMs(value: number): string {
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return Math.round(value).toString();
}

/** Dollars; an unknown cost is shown as such, never as zero. */
export function formatUsd(value: number | null): string {
  if (value === null) return "unknown";
  if (value === 0) return "$0";
  return value < 0.01 ? `$${value.toFixed(6)}` : `$${value.toFixed(4)}`;
}

export function formatDuration(durationMs: number): string {
  if (durationMs < 1_000) return `${Math.round(durationMs)} ms`;
  if (durationMs < 60_000) return `${(durationMs / 1_000).toFixed(1)} s`;
  const minutes = Math.floor(durationMs / 60_000);
  const seconds = Math.round((durationMs % 60_000) / 1_000);
  return `${minutes} min ${seconds} s`;
}
