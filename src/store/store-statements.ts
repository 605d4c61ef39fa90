import type Database from "better-sqlite3";
import type { CallRow } from "./call-row.js";
import type { CaseKey, CaseRow, ScoreRow } from "./case-row.js";
import type { CellDefinitionRow, CellRow } from "./cell-row.js";
import type { ResponseCacheRow } from "./response-cache-row.js";
import type { RunRow } from "./run-row.js";

/** Columns a run's end sets. */
export type RunEndRow = Pick<
  RunRow,
  "id" | "status" | "status_reason" | "ended_at" | "summary_json"
> & {
  /** `null` keeps the warnings recorded when the run started. */
  warnings_json: string | null;
};

/** Bind parameters of the cell-filtered case and call queries. */
export interface RunCellParameters {
  run_id: string;
  cell_key: string;
}

/** Every statement the store runs, prepared once when it opens. */
export interface StoreStatements {
  insertRun: Database.Statement<RunRow>;
  endRun: Database.Statement<RunEndRow>;
  selectRun: Database.Statement<[string], RunRow>;
  selectLatestRuns: Database.Statement<[number], RunRow>;
  selectRunIdsWithPrefix: Database.Statement<[string, string], RunIdRow>;
  upsertCell: Database.Statement<CellDefinitionRow>;
  upsertCellSummary: Database.Statement<CellRow>;
  selectCells: Database.Statement<[string], CellRow>;
  upsertCase: Database.Statement<CaseRow>;
  deleteScores: Database.Statement<CaseKey>;
  insertScore: Database.Statement<ScoreRow>;
  selectCases: Database.Statement<[string], CaseRow>;
  selectCellCases: Database.Statement<RunCellParameters, CaseRow>;
  selectScores: Database.Statement<[string], ScoreRow>;
  selectCellScores: Database.Statement<RunCellParameters, ScoreRow>;
  insertCall: Database.Statement<CallRow>;
  selectCalls: Database.Statement<[string], CallRow>;
  selectCellCalls: Database.Statement<RunCellParameters, CallRow>;
  countCalls: Database.Statement<[string], number>;
  /** Counts a hit and returns the response JSON, in one statement. */
  hitCachedResponse: Database.Statement<[string], string>;
  replaceCachedResponse: Database.Statement<ResponseCacheRow>;
}

export interface RunIdRow {
  id: string;
}

const runColumns: readonly (keyof RunRow)[] = [
  "id",
  "experiment_name",
  "experiment_path",
  "config_json",
  "config_hash",
  "dataset_hash",
  "git_commit",
  "fmops_version",
  "started_at",
  "ended_at",
  "status",
  "status_reason",
  "warnings_json",
  "summary_json",
];

const caseKeyColumns: readonly (keyof CaseKey)[] = [
  "run_id",
  "cell_key",
  "question_id",
];

const caseColumns: readonly (keyof CaseRow)[] = [
  ...caseKeyColumns,
  "question",
  "answer",
  "retrieved_chunk_ids_json",
  "retrieved_document_ids_json",
  "retrieval_latency_ms",
  "generation_latency_ms",
  "latency_ms",
  "input_tokens",
  "output_tokens",
  "cost_usd",
  "error",
  "is_cached",
  "evaluation_input_tokens",
  "evaluation_output_tokens",
  "evaluation_cost_usd",
];

const responseCacheColumns: readonly (keyof ResponseCacheRow)[] = [
  "key",
  "provider",
  "model_id",
  "response_json",
  "created_at",
];

const callColumns: readonly (keyof CallRow)[] = [
  "run_id",
  "cell_key",
  "question_id",
  "kind",
  "provider",
  "model_id",
  "started_at",
  "latency_ms",
  "time_to_first_token_ms",
  "input_tokens",
  "output_tokens",
  "cost_usd",
  "status",
  "error_message",
  "error_class",
  "attempt",
  "purpose",
];

// Newest first; the rowid breaks ties between runs started in one instant.
const newestFirst = "ORDER BY started_at DESC, rowid DESC";

export function prepareStoreStatements(
  database: Database.Database,
): StoreStatements {
  return {
    ...prepareRunStatements(database),
    ...prepareCellStatements(database),
    ...prepareCaseStatements(database),
    ...prepareCallStatements(database),
    ...prepareResponseCacheStatements(database),
  };
}

function prepareRunStatements(database: Database.Database) {
  return {
    insertRun: database.prepare<RunRow>(insertSql("runs", runColumns)),
    endRun: database.prepare<RunEndRow>(
      "UPDATE runs SET status = @status, status_reason = @status_reason, " +
        "ended_at = @ended_at, summary_json = @summary_json, " +
        "warnings_json = COALESCE(@warnings_json, warnings_json) WHERE id = @id",
    ),
    selectRun: database.prepare<[string], RunRow>(
      "SELECT * FROM runs WHERE id = ?",
    ),
    selectLatestRuns: database.prepare<[number], RunRow>(
      `SELECT * FROM runs ${newestFirst} LIMIT ?`,
    ),
    // substr compares literally, where LIKE would treat `_` and `%` as
    // wildcards and ignore case.
    selectRunIdsWithPrefix: database.prepare<[string, string], RunIdRow>(
      "SELECT id FROM runs WHERE substr(id, 1, length(?)) = ? ORDER BY id",
    ),
  };
}

function prepareCellStatements(database: Database.Database) {
  return {
    upsertCell: database.prepare<CellDefinitionRow>(
      "INSERT INTO cells (run_id, key, label, params_json) " +
        "VALUES (@run_id, @key, @label, @params_json) " +
        "ON CONFLICT (run_id, key) DO UPDATE SET " +
        "label = excluded.label, params_json = excluded.params_json",
    ),
    upsertCellSummary: database.prepare<CellRow>(
      "INSERT INTO cells (run_id, key, label, params_json, summary_json) " +
        "VALUES (@run_id, @key, @label, @params_json, @summary_json) " +
        "ON CONFLICT (run_id, key) DO UPDATE SET " +
        "summary_json = excluded.summary_json",
    ),
    selectCells: database.prepare<[string], CellRow>(
      "SELECT * FROM cells WHERE run_id = ? ORDER BY rowid",
    ),
  };
}

function prepareCaseStatements(database: Database.Database) {
  const caseKey =
    "run_id = @run_id AND cell_key = @cell_key AND question_id = @question_id";
  return {
    upsertCase: database.prepare<CaseRow>(
      `${insertSql("cases", caseColumns)} ` +
        "ON CONFLICT (run_id, cell_key, question_id) DO UPDATE SET " +
        updateFromExcluded(
          caseColumns.filter((column) => !isCaseKeyColumn(column)),
        ),
    ),
    deleteScores: database.prepare<CaseKey>(
      `DELETE FROM scores WHERE ${caseKey}`,
    ),
    insertScore: database.prepare<ScoreRow>(
      "INSERT INTO scores " +
        "(run_id, cell_key, question_id, metric, value, reason) " +
        "VALUES (@run_id, @cell_key, @question_id, @metric, @value, @reason)",
    ),
    selectCases: database.prepare<[string], CaseRow>(
      "SELECT * FROM cases WHERE run_id = ? ORDER BY rowid",
    ),
    selectCellCases: database.prepare<RunCellParameters, CaseRow>(
      "SELECT * FROM cases WHERE run_id = @run_id AND cell_key = @cell_key " +
        "ORDER BY rowid",
    ),
    selectScores: database.prepare<[string], ScoreRow>(
      "SELECT * FROM scores WHERE run_id = ? ORDER BY rowid",
    ),
    selectCellScores: database.prepare<RunCellParameters, ScoreRow>(
      "SELECT * FROM scores WHERE run_id = @run_id AND cell_key = @cell_key " +
        "ORDER BY rowid",
    ),
  };
}

function prepareCallStatements(database: Database.Database) {
  const callSelection = `SELECT ${callColumns.join(", ")} FROM calls`;
  return {
    insertCall: database.prepare<CallRow>(insertSql("calls", callColumns)),
    selectCalls: database.prepare<[string], CallRow>(
      `${callSelection} WHERE run_id = ? ORDER BY id`,
    ),
    selectCellCalls: database.prepare<RunCellParameters, CallRow>(
      `${callSelection} WHERE run_id = @run_id AND cell_key = @cell_key ` +
        "ORDER BY id",
    ),
    countCalls: database
      .prepare<[string], number>("SELECT count(*) FROM calls WHERE run_id = ?")
      .pluck(),
  };
}

function prepareResponseCacheStatements(database: Database.Database) {
  return {
    hitCachedResponse: database
      .prepare<[string], string>(
        "UPDATE response_cache SET hit_count = hit_count + 1 WHERE key = ? " +
          "RETURNING response_json",
      )
      .pluck(),
    // Replacing an entry starts its hit count again: it is a new response.
    replaceCachedResponse: database.prepare<ResponseCacheRow>(
      insertSql("response_cache", responseCacheColumns, "INSERT OR REPLACE"),
    ),
  };
}

function isCaseKeyColumn(column: string): boolean {
  return caseKeyColumns.some((keyColumn) => keyColumn === column);
}

function insertSql(
  table: string,
  columns: readonly string[],
  verb: "INSERT" | "INSERT OR REPLACE" = "INSERT",
): string {
  const names = columns.join(", ");
  const values = columns.map((column) => `@${column}`).join(", ");
  return `${verb} INTO ${table} (${names}) VALUES (${values})`;
}

function updateFromExcluded(columns: readonly string[]): string {
  return columns.map((column) => `${column} = excluded.${column}`).join(", ");
}
