import { scoresByCell } from "../../evaluation/case-score.js";
import type { CaseRecord, CellSummary } from "../../spec/records.js";
import { type AxisEffect, axisEffects } from "../../statistics/axis-effects.js";
import {
  type AxisName,
  describeParameters,
  splitAxes,
} from "./cell-parameters.js";

/** The effect on `metric` of each axis whose value differs between cells. */
export function cellAxisEffects(
  summaries: readonly CellSummary[],
  cases: readonly CaseRecord[],
  metric: string,
): AxisEffect[] {
  const { varying } = splitAxes(summaries.map((cell) => cell.params));
  const scores = scoresByCell(cases, metric);
  const axes = Object.fromEntries(
    varying.map((axis: AxisName) => [
      axis,
      (cell: CellSummary) => describeParameters(cell.params)[axis],
    ]),
  );
  return axisEffects(summaries, axes, (cell) => scores.get(cell.cellKey) ?? []);
}
