import type { CellSummary, RunRecord } from "../../spec/records.js";

/** A run as `--json` prints it: the record without its configuration blob. */
export type RunJson = Omit<RunRecord, "configJson">;

export function toRunJson(run: RunRecord): RunJson {
  const { configJson: _configJson, ...rest } = run;
  return rest;
}

/** The shape `bench --json` and `show --json` print. */
export interface RunReportJson {
  run: RunJson;
  cells: CellSummary[];
}

export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
