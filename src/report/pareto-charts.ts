import { rankCells } from "../cli/render/render-leaderboard.js";
import type { CellSummary } from "../spec/records.js";
import { paretoFront } from "../statistics/pareto-front.js";
import { renderScatterChart } from "./svg/scatter-chart.js";

/** A Pareto chart of the first metric against one cost of running a cell. */
export interface ParetoChart {
  /** Part of the chart's file name: `cost` or `latency`. */
  id: "cost" | "latency";
  title: string;
  /** What the metric is plotted against, with its unit. */
  measureLabel: string;
  /** The cells no other beats on both counts, best score first. */
  front: CellSummary[];
  /** How many cells could not be placed (no score, or an unknown cost). */
  unplacedCount: number;
  /** `null` when no cell could be placed. */
  svg: string | null;
  measure: (cell: CellSummary) => number | null;
}

const measures = [
  {
    id: "cost",
    name: "cost",
    measureLabel: "cost of the cell (USD)",
    measure: (cell: CellSummary) => cell.costUsd,
  },
  {
    id: "latency",
    name: "latency p50",
    measureLabel: "latency p50 per case (ms)",
    measure: (cell: CellSummary) => cell.latencyMs.p50,
  },
] as const;

/**
 * The metric against cost and against median latency: every cell placed
 * by its numbers, the front highlighted and joined. Markers are the
 * cells' leaderboard ranks.
 */
export function buildParetoCharts(
  summaries: readonly CellSummary[],
  metric: string,
): ParetoChart[] {
  const ranked = rankCells([...summaries], metric);
  return measures.map(({ id, name, measureLabel, measure }) => {
    const scoreOf = (cell: CellSummary) => cell.metrics[metric] ?? null;
    const placed = ranked.filter(
      (cell) => scoreOf(cell) !== null && measure(cell) !== null,
    );
    const front = paretoFront(placed, [
      { value: scoreOf, goal: "max" },
      { value: measure, goal: "min" },
    ]);
    const title = `${metric} against ${name}`;
    return {
      id,
      title,
      measureLabel,
      front,
      unplacedCount: summaries.length - placed.length,
      measure,
      svg:
        placed.length === 0
          ? null
          : renderScatterChart({
              title,
              xLabel: measureLabel,
              yLabel: `${metric} (mean)`,
              highlightMeaning:
                "Pareto front: no other cell scores higher for less",
              points: placed.map((cell) => ({
                x: measure(cell) ?? 0,
                y: scoreOf(cell) ?? 0,
                marker: String(ranked.indexOf(cell) + 1),
                label: cell.label,
                isHighlighted: front.includes(cell),
              })),
            }),
    };
  });
}
