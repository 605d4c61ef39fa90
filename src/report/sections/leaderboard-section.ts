import { leaderboardTable } from "../../cli/render/render-leaderboard.js";
import type { CellSummary } from "../../spec/records.js";
import type { ReportBlock } from "../document/report-block.js";

/**
 * Every finished cell, best first by the first metric, each metric with
 * the half-width of its 95% interval.
 */
export function leaderboardSection(
  summaries: readonly CellSummary[],
  metricNames: readonly string[],
): ReportBlock[] {
  const heading: ReportBlock = {
    kind: "heading",
    level: 2,
    text: "Leaderboard",
  };
  if (summaries.length === 0) {
    return [heading, { kind: "paragraph", text: "No cell finished." }];
  }
  const { head, rows, varying, fixed } = leaderboardTable(
    summaries,
    metricNames,
    { intervals: "all", showTokens: false, showCostPerCase: true },
  );
  return [
    heading,
    {
      kind: "paragraph",
      text:
        "Each score is the mean over the cell's scored cases, ± half its " +
        "95% bootstrap interval." +
        (fixed.length === 0
          ? ""
          : ` All cells share ${fixed.map(([axis, value]) => `${axis}=${value}`).join(", ")}.`),
    },
    {
      kind: "table",
      table: {
        head,
        rows,
        align: [
          "right",
          ...varying.map(() => "left" as const),
          ...head.slice(1 + varying.length).map(() => "right" as const),
        ],
      },
    },
  ];
}
