import { runMetricNames } from "../cli/render/run-metric-names.js";
import type {
  CallRecord,
  CaseRecord,
  CellSummary,
  RunRecord,
} from "../spec/records.js";
import type { ResultsStore } from "../store/results-store.js";

/** Everything a report reads of one run. */
export interface RunResults {
  run: RunRecord;
  /** Summaries of the finished cells, in matrix order. */
  summaries: CellSummary[];
  cases: CaseRecord[];
  calls: CallRecord[];
  /** In the leaderboard's order; the first one ranks cells. */
  metricNames: string[];
}

export function loadRunResults(
  store: ResultsStore,
  run: RunRecord,
): RunResults {
  return {
    run,
    summaries: store.getCellSummaries(run.id),
    cases: store.getCases(run.id),
    calls: store.getCalls(run.id),
    metricNames: runMetricNames(run),
  };
}

/** Scores of `metric` by cell key, from the cases that ran without error. */
export function scoresByCell(
  cases: readonly CaseRecord[],
  metric: string,
): Map<string, number[]> {
  const scores = new Map<string, number[]>();
  for (const record of cases) {
    const score = caseScore(record, metric);
    if (score === null) continue;
    scores.set(record.cellKey, [...(scores.get(record.cellKey) ?? []), score]);
  }
  return scores;
}

/** A case's score; a failed case has none, whatever it recorded. */
export function caseScore(record: CaseRecord, metric: string): number | null {
  if (record.error !== null) return null;
  return record.scores[metric] ?? null;
}
