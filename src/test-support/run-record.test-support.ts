import type { RunRecord } from "../spec/records.js";

/**
 * A run of experiment `ci` that started at 17:00 on 2026-12-03 and is
 * still running, with `overrides` applied: the fields the store and the
 * gates read, with values no test depends on unless it sets them.
 */
export function sampleRunRecord(
  id: string,
  overrides: Partial<RunRecord> = {},
): RunRecord {
  return {
    id,
    experimentName: "ci",
    experimentPath: "/repo/ci.yaml",
    configJson: "{}",
    configHash: "c0ffee",
    datasetHash: "da7a",
    gitCommit: null,
    fmopsVersion: "0.1.0",
    startedAt: "2026-12-03T17:00:00.000Z",
    endedAt: null,
    status: "running",
    statusReason: null,
    warnings: [],
    summary: null,
    ...overrides,
  };
}
