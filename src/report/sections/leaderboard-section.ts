import {
  describeParameters,
  splitAxes,
} from "../../cli/render/cell-parameters.js";
import {
  formatMs,
  formatScoreWithInterval,
  formatUsd,
} from "../../cli/render/format-values.js";
import { rankCells } from "../../cli/render/render-leaderboard.js";
import type { CellSummary } from "../../spec/records.js";
import type { ReportBlock, RichText } from "../document/report-block.js";

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
  const { varying, fixed } = splitAxes(summaries.map((cell) => cell.params));
  const ranked = rankCells([...summaries], metricNames[0]);
  const rows = ranked.map((summary, index): RichText[] => {
    const parameters = describeParameters(summary.params);
    return [
      String(index + 1),
      ...varying.map((axis) => parameters[axis]),
      ...metricNames.map((name) =>
        formatScoreWithInterval(summary.metrics[name], summary.intervals[name]),
      ),
      formatMs(summary.latencyMs.p50),
      formatMs(summary.latencyMs.p95),
      formatUsd(summary.costUsd),
      `${summary.errorCount}/${summary.caseCount}`,
    ];
  });
  const numeric = 1 + metricNames.length + 4;
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
        head: [
          "#",
          ...varying,
          ...metricNames,
          "p50 ms",
          "p95 ms",
          "cost",
          "errors",
        ],
        rows,
        align: [
          "right",
          ...varying.map(() => "left" as const),
          ...Array.from({ length: numeric - 1 }, () => "right" as const),
        ],
      },
    },
  ];
}
