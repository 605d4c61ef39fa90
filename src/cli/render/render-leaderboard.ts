import Table from "cli-table3";
import type { CellSummary } from "../../spec/records.js";
import {
  type AxisName,
  describeParameters,
  splitAxes,
} from "./cell-parameters.js";
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
  if (summaries.length === 0) return "No cell finished.\n";
  const leaderboard = leaderboardTable(summaries, metricNames, {
    intervals: options.intervals ?? "first",
    showTokens: true,
  });
  const table = new Table({
    head: leaderboard.head,
    style: { head: [], border: [], compact: true },
  });
  table.push(...leaderboard.rows);

  const shared = leaderboard.fixed
    .map(([axis, value]) => `${axis}=${value}`)
    .join("  ");
  const header = shared === "" ? "" : `All cells: ${shared}\n`;
  return `${header}${table.toString()}\n`;
}

/** The leaderboard's columns and rows, before a table lays them out. */
export interface LeaderboardTable {
  head: string[];
  rows: string[][];
  /** Axes whose value differs between cells: the columns after `#`. */
  varying: AxisName[];
  /** Axes every cell shares, with that value. */
  fixed: Array<[AxisName, string]>;
}

/**
 * One row per cell, best first by the first metric: rank, the axes that
 * vary, each metric (with the half-width of its 95% interval where asked),
 * latency, tokens when asked, cost (and per case when asked) and errors.
 */
export function leaderboardTable(
  summaries: readonly CellSummary[],
  metricNames: readonly string[],
  options: {
    intervals: "first" | "all";
    showTokens: boolean;
    showCostPerCase?: boolean;
  },
): LeaderboardTable {
  const withInterval = (index: number) =>
    options.intervals === "all" || index === 0;
  const { varying, fixed } = splitAxes(summaries.map((cell) => cell.params));
  const tokens = (summary: CellSummary) =>
    options.showTokens
      ? [String(summary.inputTokens + summary.outputTokens)]
      : [];
  const costPerCase = (summary: CellSummary) =>
    options.showCostPerCase ? [formatUsd(costPerCaseOf(summary))] : [];
  const rows = rankCells(summaries, metricNames[0]).map((summary, rank) => {
    const parameters = describeParameters(summary.params);
    return [
      String(rank + 1),
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
      ...tokens(summary),
      formatUsd(summary.costUsd),
      ...costPerCase(summary),
      `${summary.errorCount}/${summary.caseCount}`,
    ];
  });
  const head = [
    "#",
    ...varying,
    ...metricNames,
    "p50 ms",
    "p95 ms",
    ...(options.showTokens ? ["tokens"] : []),
    "cost",
    ...(options.showCostPerCase ? ["cost / case"] : []),
    "errors",
  ];
  return { head, rows, varying, fixed };
}

/** The system's cost of a cell over its cases; unknown stays unknown. */
export function costPerCaseOf(summary: CellSummary): number | null {
  if (summary.costUsd === null) return null;
  return summary.caseCount === 0 ? 0 : summary.costUsd / summary.caseCount;
}

/** Best first by `metric`; unscored cells last; matrix order breaks ties. */
export function rankCells(
  summaries: readonly CellSummary[],
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
