import type { CaseRecord, CellParams, CellSummary } from "../spec/index.js";
import { bootstrapMeanInterval } from "../statistics/bootstrap-mean-interval.js";
import { scoresPerQuestion } from "./case-score.js";
import { latencyPercentiles } from "./percentile.js";

/** What aggregation reads of a case; a whole CaseRecord will do. */
export type CaseFigures = Pick<
  CaseRecord,
  | "questionId"
  | "error"
  | "scores"
  | "latencyMs"
  | "inputTokens"
  | "outputTokens"
  | "costUsd"
  | "evaluationCostUsd"
>;

/** The identity of the cell being summarised. */
export interface CellIdentity {
  key: string;
  label: string;
  params: CellParams;
}

/**
 * Aggregates the cases of one cell. Each metric is averaged over the
 * questions that scored it (a question repeated with `--repeat` counts
 * once, with the mean of its repeats), and its interval resamples those
 * questions; a case that ran but left the metric unscored counts in
 * `unscoredCounts`, never as 0. Failed cases count in `errorCount` and stay
 * out of every mean, but their latency and tokens still count, since they
 * were spent. A cost is `null` as soon as one case's is unknown; scoring's
 * cost is summed apart from the system's.
 */
export function summarizeCell(
  cell: CellIdentity,
  cases: readonly CaseFigures[],
  metricNames: readonly string[],
): CellSummary {
  const succeeded = cases.filter((record) => record.error === null);
  const metrics: Record<string, number | null> = {};
  const scoredCounts: Record<string, number> = {};
  const unscoredCounts: Record<string, number> = {};
  const intervals: CellSummary["intervals"] = {};
  for (const name of metricNames) {
    // The same seed for every cell, so a rerun reproduces every interval;
    // the mean and interval do not depend on the order cases finished in.
    const interval = bootstrapMeanInterval(
      [...scoresPerQuestion(succeeded, name).values()],
      { seed: 1 },
    );
    const scoredCount = countScored(succeeded, name);
    metrics[name] = interval?.mean ?? null;
    scoredCounts[name] = scoredCount;
    unscoredCounts[name] = succeeded.length - scoredCount;
    intervals[name] =
      interval === null ? null : { low: interval.low, high: interval.high };
  }
  return {
    cellKey: cell.key,
    label: cell.label,
    params: cell.params,
    caseCount: cases.length,
    errorCount: cases.length - succeeded.length,
    metrics,
    scoredCounts,
    unscoredCounts,
    intervals,
    latencyMs: latencyPercentiles(cases.map((record) => record.latencyMs)),
    inputTokens: sum(cases.map((record) => record.inputTokens)),
    outputTokens: sum(cases.map((record) => record.outputTokens)),
    costUsd: sumCosts(cases.map((record) => record.costUsd)),
    evaluationCostUsd: sumCosts(
      cases.map((record) => record.evaluationCostUsd),
    ),
  };
}

function countScored(cases: readonly CaseFigures[], name: string): number {
  return cases.filter((record) => typeof record.scores[name] === "number")
    .length;
}

function sumCosts(costsUsd: readonly (number | null)[]): number | null {
  let totalUsd = 0;
  for (const costUsd of costsUsd) {
    if (costUsd === null) return null;
    totalUsd += costUsd;
  }
  return totalUsd;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
