import type { CellSummary } from "../spec/records.js";

/**
 * Figures every cell has besides its evaluator scores. Lower is better for
 * each: the cell's cost in USD, its latency percentiles over all cases in
 * milliseconds, and the share of its cases that failed.
 */
export const RUN_FIGURES = [
  "cost_usd",
  "latency_p50_ms",
  "latency_p95_ms",
  "latency_p99_ms",
  "error_rate",
] as const;

export type RunFigure = (typeof RUN_FIGURES)[number];

export function isRunFigure(metric: string): metric is RunFigure {
  return (RUN_FIGURES as readonly string[]).includes(metric);
}

/** Every metric a gate may name, given the experiment's evaluators. */
export function gateMetricNames(evaluators: readonly string[]): string[] {
  return [...evaluators, ...RUN_FIGURES];
}

/** Scores are better high; run figures are better low. */
export function isHigherBetter(metric: string): boolean {
  return !isRunFigure(metric);
}

/**
 * The cell's value of a metric; `null` when it has none: a score no case
 * scored, a cost whose price is unknown, or figures of a cell with no case.
 */
export function cellMetricValue(
  summary: CellSummary,
  metric: string,
): number | null {
  if (!isRunFigure(metric)) return summary.metrics[metric] ?? null;
  if (metric === "cost_usd") return summary.costUsd;
  if (summary.caseCount === 0) return null;
  if (metric === "error_rate") return summary.errorCount / summary.caseCount;
  return summary.latencyMs[latencyPercentile(metric)];
}

function latencyPercentile(
  metric: Exclude<RunFigure, "cost_usd" | "error_rate">,
): keyof CellSummary["latencyMs"] {
  if (metric === "latency_p50_ms") return "p50";
  if (metric === "latency_p95_ms") return "p95";
  return "p99";
}
