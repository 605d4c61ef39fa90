import type { CellSummary, RunRecord } from "../spec/records.js";

/**
 * Why a run cannot be gated, or `null` when it can. A run that did not
 * complete (failed, interrupted, stopped by its budget, or still
 * running), or completed without a single case that succeeded (every call
 * failed, say), says nothing about quality: its gates are not checked.
 */
export function runFailure(
  run: RunRecord,
  summaries: readonly CellSummary[],
): string | null {
  if (run.status === "running") {
    return `run ${run.id} has not finished (status running)`;
  }
  if (run.status !== "completed") {
    const reason = run.statusReason === null ? "" : `: ${run.statusReason}`;
    return `run ${run.id} did not complete (status ${run.status})${reason}`;
  }
  const succeeded = summaries.reduce(
    (total, summary) => total + summary.caseCount - summary.errorCount,
    0,
  );
  if (succeeded === 0) {
    return `run ${run.id} has no case that succeeded, so nothing was scored`;
  }
  return null;
}
