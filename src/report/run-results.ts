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
