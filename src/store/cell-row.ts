import type { CellParams } from "../spec/experiment.js";
import type { CellRecord, CellSummary } from "../spec/records.js";
import { parseJsonColumn } from "./parse-json-column.js";

/** A `cells` row as SQLite returns it. */
export interface CellRow {
  run_id: string;
  key: string;
  label: string;
  params_json: string;
  /** Set once the cell's last case has ended. */
  summary_json: string | null;
}

/** The columns written when cells are saved; the summary comes later. */
export type CellDefinitionRow = Omit<CellRow, "summary_json">;

export function toCellRow(cell: CellRecord): CellDefinitionRow {
  return {
    run_id: cell.runId,
    key: cell.key,
    label: cell.label,
    params_json: JSON.stringify(cell.params),
  };
}

/** A summary carries the cell's label and parameters, so it can save both. */
export function toCellSummaryRow(runId: string, summary: CellSummary): CellRow {
  return {
    run_id: runId,
    key: summary.cellKey,
    label: summary.label,
    params_json: JSON.stringify(summary.params),
    summary_json: JSON.stringify(summary),
  };
}

export function fromCellRow(row: CellRow): CellRecord {
  return {
    runId: row.run_id,
    key: row.key,
    label: row.label,
    params: parseJsonColumn<CellParams>(row.params_json, {
      table: "cells",
      column: "params_json",
      rowKey: `${row.run_id}/${row.key}`,
    }),
  };
}

/**
 * The cell's summary, or `null` while the cell has not finished. Summaries
 * stored before judge evaluators existed spent nothing on scoring and
 * counted no unscored cases.
 */
export function cellSummaryFromRow(row: CellRow): CellSummary | null {
  if (row.summary_json === null) return null;
  const stored = parseJsonColumn<StoredCellSummary>(row.summary_json, {
    table: "cells",
    column: "summary_json",
    rowKey: `${row.run_id}/${row.key}`,
  });
  return {
    ...stored,
    unscoredCounts: stored.unscoredCounts ?? {},
    evaluationCostUsd: stored.evaluationCostUsd ?? 0,
  };
}

type StoredCellSummary = Omit<
  CellSummary,
  "unscoredCounts" | "evaluationCostUsd"
> &
  Partial<Pick<CellSummary, "unscoredCounts" | "evaluationCostUsd">>;
