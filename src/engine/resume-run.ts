import { FmopsError } from "../errors/fmops-error.js";
import type { CallRecord, CaseRecord, RunRecord } from "../spec/records.js";

/** What resuming needs of the results store besides writing. */
export interface RecordedRunReader {
  /** Committed cases of the run; rows still pending count as not done. */
  getCases(runId: string): CaseRecord[];
  getCalls(runId: string): CallRecord[];
  /**
   * Marks the run running again under this process; throws when it
   * completed or its own process still runs it.
   */
  resumeRun(runId: string): void;
}

/** What earlier sessions of a resumed run left behind. */
export interface RecordedSessions {
  run: RunRecord;
  /** Every recorded case: these are not run again. */
  cases: CaseRecord[];
  /** Cost of the recorded calls; `null` when some price was unknown. */
  costUsd: number | null;
  /** Cost of the recorded calls whose price is known. */
  knownCostUsd: number;
  /** Time the earlier sessions took, as far as they recorded it. */
  durationMs: number;
}

/**
 * Takes over a recorded run: checks that the data set is the one it ran
 * on, claims the run for this process (so no other process resumes it at
 * the same time), and reads what it has recorded.
 */
export function resumeRecordedRun(
  store: RecordedRunReader,
  run: RunRecord,
  datasetHash: string,
): RecordedSessions {
  if (run.datasetHash !== datasetHash) {
    throw new FmopsError(
      "USAGE",
      `Cannot resume run ${run.id}: its data set changed since it ran ` +
        `(hash ${run.datasetHash.slice(0, 12)}, now ` +
        `${datasetHash.slice(0, 12)}); start a new run instead`,
    );
  }
  store.resumeRun(run.id);
  const calls = store.getCalls(run.id);
  const costs = calls.map((call) => call.costUsd);
  const knownCostUsd = costs.reduce<number>(
    (total, cost) => total + (cost ?? 0),
    0,
  );
  return {
    run: { ...run, status: "running", statusReason: null, endedAt: null },
    cases: store.getCases(run.id),
    costUsd: costs.includes(null) ? null : knownCostUsd,
    knownCostUsd,
    durationMs: run.summary?.durationMs ?? 0,
  };
}

/** A text that names one (cell, question) case of a run. */
export function caseKey(cellKey: string, questionId: string): string {
  return JSON.stringify([cellKey, questionId]);
}
