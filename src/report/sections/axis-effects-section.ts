import { cellAxisEffects } from "../../cli/render/cell-axis-effects.js";
import { formatScore } from "../../cli/render/format-values.js";
import type { CaseRecord, CellSummary } from "../../spec/records.js";
import type { ReportBlock } from "../document/report-block.js";

/** The mean of the first metric at each level of each axis that varies. */
export function axisEffectsSection(
  summaries: readonly CellSummary[],
  cases: readonly CaseRecord[],
  metric: string,
): ReportBlock[] {
  const effects = cellAxisEffects(summaries, cases, metric);
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
