import {
  type AxisName,
  describeParameters,
  splitAxes,
} from "../../cli/render/cell-parameters.js";
import { formatScore } from "../../cli/render/format-values.js";
import type { CaseRecord, CellSummary } from "../../spec/records.js";
import { axisEffects } from "../../statistics/axis-effects.js";
import type { ReportBlock } from "../document/report-block.js";
import { scoresByCell } from "../run-results.js";

/** The mean of the first metric at each level of each axis that varies. */
export function axisEffectsSection(
  summaries: readonly CellSummary[],
  cases: readonly CaseRecord[],
  metric: string,
): ReportBlock[] {
  const { varying } = splitAxes(summaries.map((cell) => cell.params));
  const scores = scoresByCell(cases, metric);
  const axes = Object.fromEntries(
    varying.map((axis) => [
      axis,
      (cell: CellSummary) => describeParameters(cell.params)[axis as AxisName],
    ]),
  );
  const effects = axisEffects(
    summaries,
    axes,
    (cell) => scores.get(cell.cellKey) ?? [],
  );
  if (effects.length === 0) return [];
  return [
    { kind: "heading", level: 2, text: "Effect of each axis" },
    {
      kind: "paragraph",
      text:
        `Mean ${metric} over the cases of every cell at each level, with a ` +
        "95% bootstrap interval.",
    },
    {
      kind: "table",
      table: {
        head: ["axis", "level", "cells", `mean ${metric}`, "95% interval"],
        rows: effects.map((effect) => [
          effect.axis,
          effect.level,
          String(effect.cellCount),
          formatScore(effect.mean),
          `[${formatScore(effect.low)}, ${formatScore(effect.high)}]`,
        ]),
        align: ["left", "left", "right", "right", "right"],
      },
    },
  ];
}
