import type {
  CallRecord,
  CaseRecord,
  CellRecord,
  CellSummary,
  RunRecord,
} from "../spec/records.js";
import type { ResultsStore } from "./results-store.js";

/**
 * Everything a results store holds about one run: what an export carries
 * and an import writes back.
 */
export interface RecordedRun {
  run: RunRecord;
  cells: CellRecord[];
  /** Summaries of the finished cells. */
  summaries: CellSummary[];
  cases: CaseRecord[];
  calls: CallRecord[];
  /** Names of the labels attached to the run. */
  labels: string[];
}

/** Reads a stored run whole. */
export function readRecordedRun(
  store: ResultsStore,
  run: RunRecord,
): RecordedRun {
  return {
    run,
    cells: store.getCells(run.id),
    summaries: store.getCellSummaries(run.id),
    cases: store.getCases(run.id),
    calls: store.getCalls(run.id),
    labels: store.labels
      .list()
      .filter((label) => label.runId === run.id)
      .map((label) => label.name),
  };
}
