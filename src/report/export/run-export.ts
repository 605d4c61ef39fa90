import type { CellParams } from "../../spec/experiment.js";
import type {
  CallRecord,
  CaseRecord,
  CellSummary,
  RunRecord,
} from "../../spec/records.js";
import type { RecordedRun } from "../../store/recorded-run.js";

/** The value of `format` in every JSON export. */
export const RUN_EXPORT_FORMAT = "fmops-run-export";

/**
 * The version of the shape below. Adding a field keeps it; renaming or
 * removing one, or changing its meaning, raises it.
 */
export const RUN_EXPORT_FORMAT_VERSION = 1;

/**
 * A run as `fmops report --format json` writes it: enough to re-create it
 * with `fmops import`. Nested records leave out the run id, which is
 * `run.id`. The README documents every field.
 */
export interface RunExport {
  format: typeof RUN_EXPORT_FORMAT;
  formatVersion: typeof RUN_EXPORT_FORMAT_VERSION;
  /** The run record, its configuration as an object rather than text. */
  run: Omit<RunRecord, "configJson"> & { config: unknown };
  /** Every cell, with its summary once it finished (else `null`). */
  cells: ExportedCell[];
  cases: Omit<CaseRecord, "runId">[];
  calls: Omit<CallRecord, "runId">[];
  /** Names of the labels attached to the run. */
  labels: string[];
}

export interface ExportedCell {
  key: string;
  label: string;
  params: CellParams;
  summary: CellSummary | null;
}

export function toRunExport(recorded: RecordedRun): RunExport {
  const { configJson, ...run } = recorded.run;
  const summaries = new Map(
    recorded.summaries.map((summary) => [summary.cellKey, summary]),
  );
  return {
    format: RUN_EXPORT_FORMAT,
    formatVersion: RUN_EXPORT_FORMAT_VERSION,
    run: { ...run, config: JSON.parse(configJson) },
    cells: recorded.cells.map((cell) => ({
      key: cell.key,
      label: cell.label,
      params: cell.params,
      summary: summaries.get(cell.key) ?? null,
    })),
    cases: recorded.cases.map(({ runId: _runId, ...record }) => record),
    calls: recorded.calls.map(({ runId: _runId, ...record }) => record),
    labels: recorded.labels,
  };
}

/** The run an export describes, as the store records it. */
export function fromRunExport(exported: RunExport): RecordedRun {
  const { config, ...run } = exported.run;
  const runId = run.id;
  return {
    run: { ...run, configJson: JSON.stringify(config) },
    cells: exported.cells.map((cell) => ({
      runId,
      key: cell.key,
      label: cell.label,
      params: cell.params,
    })),
    summaries: exported.cells.flatMap((cell) =>
      cell.summary === null ? [] : [cell.summary],
    ),
    cases: exported.cases.map((record) => ({ runId, ...record })),
    calls: exported.calls.map((record) => ({ runId, ...record })),
    labels: exported.labels,
  };
}
