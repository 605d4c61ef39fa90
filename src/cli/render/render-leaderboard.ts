import Table from "cli-table3";
import type { CellSummary } from "../../spec/records.js";
import { describeParameters, splitAxes } from "./cell-parameters.js";
import {
  formatMs,
  formatScore,
  formatScoreWithInterval,
  formatUsd,
} from "./format-values.js";

/**
 * The leaderboard: one row per cell, best first by the first metric, with
 * the axes that vary as columns and the ones all cells share above.
 */
export function renderLeaderboard(
  summaries: CellSummary[],
  metricNames: string[],
  options: {
    /** Which metrics show their 95% interval. @default "first" */
    intervals?: "first" | "all";
  } = {},
): string {
  const withInterval = (index: number) =>
    options.intervals === "all" || index === 0;
  if (summaries.length === 0) return "No cell finished.\n";
  const { varying, fixed } = splitAxes(summaries.map((cell) => cell.params));
  const table = new Table({
    head: [
      "#",
      ...varying,
      ...metricNames,
      "p50 ms",
      "p95 ms",
      "tokens",
      "cost",
      "errors",
    ],
    style: { head: [], border: [], compact: true },
  });

  rankCells(summaries, metricNames[0]).forEach((summary, index) => {
    const parameters = describeParameters(summary.params);
    table.push([
      String(index + 1),
      ...varying.map((axis) => parameters[axis]),
      ...metricNames.map((name, index) =>
        withInterval(index)
          ? formatScoreWithInterval(
              summary.metrics[name],
              summary.intervals?.[name],
            )
          : formatScore(summary.metrics[name]),
      ),
      formatMs(summary.latencyMs.p50),
      formatMs(summary.latencyMs.p95),
      String(summary.inputTokens + summary.outputTokens),
      formatUsd(summary.costUsd),
      `${summary.errorCount}/${summary.caseCount}`,
    ]);
  });

  const shared = fixed.map(([axis, value]) => `${axis}=${value}`).join("  ");
  const header = shared === "" ? "" : `All cells: ${shared}\n`;
  return `${header}${table.toString()}\n`;
}

/** Best first by `metric`; unscored cells last; matrix order breaks ties. */
export function rankCells(
  summaries: CellSummary[],
  metric: string | undefined,
): CellSummary[] {
  if (metric === undefined) return [...summaries];
  const scoreOf = (summary: CellSummary) =>
    summary.metrics[metric] ?? Number.NEGATIVE_INFINITY;
  return summaries
    .map((summary, order) => ({ summary, order }))
    .sort(
      (a, b) => scoreOf(b.summary) - scoreOf(a.summary) || a.order - b.order,
    )
    .map(({ summary }) => summary);
}
