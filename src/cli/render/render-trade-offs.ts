import type { CaseRecord, CellSummary } from "../../spec/records.js";
import { paretoFront } from "../../statistics/pareto-front.js";
import { cellAxisEffects } from "./cell-axis-effects.js";
import { formatMs, formatScore, formatUsd } from "./format-values.js";

/**
 * What a decision needs beyond the leaderboard, for the first metric: the
 * cells no other beats on both score and cost, or score and latency; and
 * the mean score at each level of each axis that varies.
 */
export function renderTradeOffs(
  summaries: CellSummary[],
  cases: CaseRecord[],
  metric: string | undefined,
): string {
  if (metric === undefined || summaries.length < 2) return "";
  return [
    renderFront(summaries, metric, "cost", (cell) => cell.costUsd, formatUsd),
    renderFront(
      summaries,
      metric,
      "p50 latency",
      (cell) => cell.latencyMs.p50,
      (value) => `${formatMs(value)} ms`,
    ),
    renderAxisEffects(summaries, cases, metric),
  ].join("");
}

function renderFront(
  summaries: CellSummary[],
  metric: string,
  against: string,
  measure: (cell: CellSummary) => number | null,
  format: (value: number) => string,
): string {
  const front = paretoFront(summaries, [
    { value: (cell) => cell.metrics[metric] ?? null, goal: "max" },
    { value: measure, goal: "min" },
  ]);
  if (front.length === 0) return "";
  const lines = front.map(
    (cell) =>
      `  ${formatScore(cell.metrics[metric])} at ${format(measure(cell) ?? 0)}  ${cell.label}`,
  );
  return `\nBest trade-offs of ${metric} against ${against} (no cell does better on both):\n${lines.join("\n")}\n`;
}

function renderAxisEffects(
  summaries: CellSummary[],
  cases: CaseRecord[],
  metric: string,
): string {
  const effects = cellAxisEffects(summaries, cases, metric);
  if (effects.length === 0) return "";
  const width = Math.max(...effects.map((effect) => effect.level.length));
  const lines = effects.map(
    (effect) =>
      `  ${effect.axis.padEnd(9)} ${effect.level.padEnd(width)}  ` +
      `${formatScore(effect.mean)} [${formatScore(effect.low)}, ${formatScore(effect.high)}]`,
  );
  return `\nEffect of each axis on ${metric} (mean over the cases of its cells, 95% interval):\n${lines.join("\n")}\n`;
}
