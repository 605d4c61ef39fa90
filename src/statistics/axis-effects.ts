import { groupBy } from "../util/group-by.js";
import { bootstrapMeanInterval } from "./bootstrap-mean-interval.js";
import type { ResamplingOptions } from "./resampling-options.js";

/** The mean score of the cells at one level of one axis. */
export interface AxisEffect {
  /** Axis name, as given in `axes`. */
  axis: string;
  /** The level, such as a model name or a chunk size written as text. */
  level: string;
  /** Mean of every case score of every cell at this level. */
  mean: number;
  /** Lower end of the bootstrap interval of that mean. */
  low: number;
  /** Upper end of the bootstrap interval of that mean. */
  high: number;
  /** How many cells sit at this level. */
  cellCount: number;
}

/**
 * The effect of each axis of a matrix: for every axis and each of its
 * levels, the mean case score over all cells at that level, with a
 * percentile-bootstrap interval (see `bootstrapMeanInterval`; every level
 * uses the same seed, so results do not depend on the order of levels).
 *
 * Axes come in the key order of `axes`, levels in the order they first
 * appear in `cells`. A level whose cells hold no case scores has no mean,
 * so it is left out.
 *
 * The interval treats the pooled case scores as independent. The same
 * questions recur in every cell, so it is somewhat narrower than one that
 * resampled questions as clusters would be; read it as a guide to which
 * levels differ, and use `pairedDifferenceTest` to settle a comparison.
 */
export function axisEffects<Cell>(
  cells: readonly Cell[],
  axes: Readonly<Record<string, (cell: Cell) => string>>,
  score: (cell: Cell) => readonly number[],
  options?: ResamplingOptions,
): AxisEffect[] {
  return Object.entries(axes).flatMap(([axis, levelOf]) =>
    effectsOfAxis(axis, groupBy(cells, levelOf), score, options),
  );
}

function effectsOfAxis<Cell>(
  axis: string,
  groups: Map<string, Cell[]>,
  score: (cell: Cell) => readonly number[],
  options: ResamplingOptions | undefined,
): AxisEffect[] {
  const effects: AxisEffect[] = [];
  for (const [level, levelCells] of groups) {
    const scores = levelCells.flatMap((cell) => [...score(cell)]);
    const interval = bootstrapMeanInterval(scores, options);
    if (interval === null) continue;
    effects.push({ axis, level, ...interval, cellCount: levelCells.length });
  }
  return effects;
}
