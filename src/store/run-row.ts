import type { RunRecord, RunStatus, RunSummary } from "../spec/records.js";
import { parseJsonColumn } from "./parse-json-column.js";

/** A `runs` row as SQLite returns it. */
export interface RunRow {
  id: string;
  experiment_name: string;
  experiment_path: string;
  config_json: string;
  config_hash: string;
  dataset_hash: string;
  git_commit: string | null;
  fmops_version: string;
  started_at: string;
  ended_at: string | null;
  status: RunStatus;
  status_reason: string | null;
  warnings_json: string;
  summary_json: string | null;
}

export function toRunRow(run: RunRecord): RunRow {
  return {
    id: run.id,
    experiment_name: run.experimentName,
    experiment_path: run.experimentPath,
    config_json: run.configJson,
    config_hash: run.configHash,
    dataset_hash: run.datasetHash,
    git_commit: run.gitCommit,
    fmops_version: run.fmopsVersion,
    started_at: run.startedAt,
    ended_at: run.endedAt,
    status: run.status,
    status_reason: run.statusReason,
    warnings_json: JSON.stringify(run.warnings),
    summary_json: run.summary === null ? null : JSON.stringify(run.summary),
  };
}

export function fromRunRow(row: RunRow): RunRecord {
  const location = { table: "runs", rowKey: row.id };
  return {
    id: row.id,
    experimentName: row.experiment_name,
    experimentPath: row.experiment_path,
    configJson: row.config_json,
    configHash: row.config_hash,
    datasetHash: row.dataset_hash,
    gitCommit: row.git_commit,
    fmopsVersion: row.fmops_version,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    // The CHECK constraint on the column keeps it to the five statuses.
    status: row.status,
    statusReason: row.status_reason,
    warnings: parseJsonColumn<string[]>(row.warnings_json, {
      ...location,
      column: "warnings_json",
    }),
    summary:
      row.summary_json === null
        ? null
        : parseJsonColumn<RunSummary>(row.summary_json, {
            ...location,
            column: "summary_json",
          }),
  };
}
