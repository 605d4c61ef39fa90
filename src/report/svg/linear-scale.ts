/** Maps data values onto pixels along one axis, with round tick values. */
export interface LinearScale {
  /** The data interval drawn, widened from the data to whole ticks. */
  domain: readonly [number, number];
  /** Tick values, lowest first; the first and last are the domain's ends. */
  ticks: readonly number[];
  /** Decimal places that write every tick exactly. */
  tickDecimals: number;
  toPixel(value: number): number;
}

// Tolerance for steps such as 0.1 that binary floating point misses.
const epsilon = 1e-9;

/**
 * A scale over `values` onto `range` (pixels, possibly descending as for a
 * y axis). Ticks are 1, 2 or 5 times a power of ten apart, about
 * `tickCount` of them, and the domain runs from the tick at or below the
 * smallest value to the tick at or above the largest. A single value gets
 * room around it; values that are all 0 or more never go below 0.
 */
export function niceLinearScale(
  values: readonly number[],
  range: readonly [number, number],
  tickCount = 5,
): LinearScale {
  const [min, max] = spreadExtent(values);
  const step = niceStep((max - min) / tickCount);
  const firstTick = Math.floor(min / step + epsilon);
  const lastTick = Math.ceil(max / step - epsilon);
  const tickDecimals = Math.max(0, -Math.floor(Math.log10(step) + epsilon));
  const ticks = Array.from({ length: lastTick - firstTick + 1 }, (_, index) =>
    roundTo((firstTick + index) * step, tickDecimals),
  );
  const low = ticks[0] ?? min;
  const high = ticks.at(-1) ?? max;
  const [start, end] = range;
  return {
    domain: [low, high],
    ticks,
    tickDecimals,
    toPixel: (value) => start + ((value - low) / (high - low)) * (end - start),
  };
}

function spreadExtent(values: readonly number[]): [number, number] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (values.length === 0) return [0, 1];
  if (max > min) return [min, max];
  if (min === 0) return [0, 1];
  const room = Math.abs(min) * 0.1;
  return [min >= 0 ? Math.max(0, min - room) : min - room, max + room];
}

function niceStep(roughStep: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(roughStep));
  const multiple = roughStep / magnitude;
  if (multiple <= 1 + epsilon) return magnitude;
  if (multiple <= 2 + epsilon) return 2 * magnitude;
  if (multiple <= 5 + epsilon) return 5 * magnitude;
  return 10 * magnitude;
}

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}
