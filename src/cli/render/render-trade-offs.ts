import type { CaseRecord, CellSummary } from "../../spec/records.js";
import { axisEffects } from "../../statistics/axis-effects.js";
import { paretoFront } from "../../statistics/pareto-front.js";
import {
  type AxisName,
  describeParameters,
  splitAxes,
} from "./cell-parameters.js";
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
      "p95 latency",
      (cell) => cell.latencyMs.p95,
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
  const { varying } = splitAxes(summaries.map((cell) => cell.params));
  if (varying.length === 0) return "";
  const scoresByCell = scoresOf(cases, metric);
  const axes = Object.fromEntries(
    varying.map((axis) => [
      axis,
      (cell: CellSummary) => describeParameters(cell.params)[axis as AxisName],
    ]),
  );
  const effects = axisEffects(
    summaries,
    axes,
    (cell) => scoresByCell.get(cell.cellKey) ?? [],
  );
  if (effects.length === 0) return "";
  const width = Math.max(...effects.map((effect) => effect.level.length));
  const lines = effects.map(
    (effect) =>
      `  ${effect.axis.padEnd(9)} ${effect.level.padEnd(width)}  ` +
      `${formatScore(effect.mean)} [${formatScore(effect.low)}, ${formatScore(effect.high)}]`,
  );
  return `\nEffect of each axis on ${metric} (mean over the cases of its cells, 95% interval):\n${lines.join("\n")}\n`;
}

function scoresOf(cases: CaseRecord[], metric: string): Map<string, number[]> {
  const scores = new Map<string, number[]>();
  for (const record of cases) {
    const score = record.error === null ? record.scores[metric] : null;
    if (typeof score !== "number") continue;
    const list = scores.get(record.cellKey);
    if (list === undefined) scores.set(record.cellKey, [score]);
    else list.push(score);
  }
  return scores;
}
