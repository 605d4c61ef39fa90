import type Database from "better-sqlite3";
import { FmopsError } from "../errors/fmops-error.js";
import type {
  CallRecord,
  CaseRecord,
  CellRecord,
  CellSummary,
  RunRecord,
  RunStatus,
  RunSummary,
} from "../spec/records.js";
import { fromCallRow, toCallRow } from "./call-row.js";
import {
  type CaseRow,
  type CaseScores,
  caseKeyText,
  fromCaseRow,
  type ScoreRow,
  toCaseKey,
  toCaseRow,
  toScoreRows,
} from "./case-row.js";
import {
  cellSummaryFromRow,
  fromCellRow,
  toCellRow,
  toCellSummaryRow,
} from "./cell-row.js";
import { type LabelAttachment, RunLabels } from "./labels.js";
import type { RecordedRun } from "./recorded-run.js";
import {
  type CachedResponseEntry,
  toResponseCacheRow,
} from "./response-cache-row.js";
import { RunOwnership } from "./run-ownership.js";
import { fromRunRow, toRunRow } from "./run-row.js";
import {
  prepareStoreStatements,
  type StoreStatements,
} from "./store-statements.js";
import { WriteBuffer } from "./write-buffer.js";

/** How a run ended, as `finishRun` records it. */
export interface RunEnd {
  status: RunStatus;
  /** Why the run failed or was interrupted; `null` when it completed. */
  statusReason: string | null;
  /** ISO 8601. */
  endedAt: string;
  summary: RunSummary | null;
  /**
   * Every warning of the run, replacing those recorded at its start;
   * absent keeps them.
   */
  warnings?: string[];
}

/** How the store batches case and call rows. */
export interface WriteBatching {
  /** Write once this many rows are pending. @default 256 */
  maxPendingRows: number;
  /** Write this long after the first pending row. @default 200 */
  flushDelayMs: number;
}

export const defaultWriteBatching: WriteBatching = {
  maxPendingRows: 256,
  flushDelayMs: 200,
};

/** The word `findRun` reads as "the run started last". */
export const latestRunReference = "latest";

type PendingRow =
  | { table: "cases"; record: CaseRecord }
  | { table: "calls"; record: CallRecord };

/**
 * Everything a run produces, kept in one SQLite file. Runs and cells are
 * written at once; cases and calls, which arrive by the thousand, are
 * batched and written within `flushDelayMs`, and always by `finishRun` and
 * `close`. Reads see the store's own pending rows, because they flush first.
 * The response cache lives here too, shared by every run that uses the file.
 *
 * Open it with `openResultsStore`, which prepares the file.
 */
export class ResultsStore {
  /** The database file. */
  readonly path: string;
  readonly #database: Database.Database;
  readonly #statements: StoreStatements;
  readonly #pendingRows: WriteBuffer<PendingRow>;
  readonly #saveCellsAtOnce: (cells: CellRecord[]) => void;
  readonly #writeRowsAtOnce: (rows: PendingRow[]) => void;
  readonly #flushOnExit = () => this.#flushBeforeExit();
  readonly #clock: () => Date;
  /** Names given to runs, such as `main`; see `fmops label`. */
  readonly labels: RunLabels;
  readonly #ownership: RunOwnership;

  constructor(
    database: Database.Database,
    path: string,
    batching: WriteBatching = defaultWriteBatching,
    clock: () => Date = () => new Date(),
  ) {
    this.path = path;
    this.#database = database;
    this.#clock = clock;
    this.labels = new RunLabels(database, clock);
    this.#ownership = new RunOwnership(database);
    this.#statements = prepareStoreStatements(database);
    this.#saveCellsAtOnce = database.transaction((cells: CellRecord[]) => {
      for (const cell of cells) {
        this.#statements.upsertCell.run(toCellRow(cell));
      }
    });
    this.#writeRowsAtOnce = database.transaction((rows: PendingRow[]) => {
      for (const row of rows) this.#writePendingRow(row);
    });
    this.#pendingRows = new WriteBuffer<PendingRow>({
      maxPendingEntries: batching.maxPendingRows,
      flushDelayMs: batching.flushDelayMs,
      writeBatch: (rows) => this.#writePendingRows(rows),
    });
    process.on("exit", this.#flushOnExit);
  }

  /** Whether `close` has been called. */
  get isClosed(): boolean {
    return !this.#database.open;
  }

  /** How many case and call rows wait to be written. */
  get pendingRowCount(): number {
    return this.#pendingRows.pendingCount;
  }

  /** Records a new run, owned by this process. */
  createRun(run: RunRecord): void {
    try {
      this.#statements.insertRun.run(toRunRow(run));
      this.#ownership.take(run.id);
    } catch (error) {
      throw this.#storeError(`Could not create run ${run.id}`, error);
    }
  }

  /**
   * Marks a recorded run running again, owned by this process. Refused
   * (a usage error) for a completed run or one whose process still runs.
   */
  resumeRun(runId: string): void {
    this.flush();
    this.#ownership.claimForResume(runId);
  }

  /** Saves the run's cells; saving a cell again updates its label and params. */
  saveCells(cells: CellRecord[]): void {
    try {
      this.#saveCellsAtOnce(cells);
    } catch (error) {
      throw this.#storeError(`Could not save ${cells.length} cells`, error);
    }
  }

  /**
   * Queues a case and its scores. A case already stored for the same run,
   * cell and question is replaced, scores included, so a resumed run can
   * record a case again.
   */
  recordCase(record: CaseRecord): void {
    this.#assertOpen("record a case");
    this.#pendingRows.add({ table: "cases", record });
  }

  /** Queues one provider call. */
  recordCall(record: CallRecord): void {
    this.#assertOpen("record a call");
    this.#pendingRows.add({ table: "calls", record });
  }

  /** Stores a finished cell's aggregates, adding the cell if it is new. */
  saveCellSummary(runId: string, summary: CellSummary): void {
    try {
      this.#statements.upsertCellSummary.run(toCellSummaryRow(runId, summary));
    } catch (error) {
      throw this.#storeError(
        `Could not save the summary of cell ${summary.cellKey} of run ${runId}`,
        error,
      );
    }
  }

  /** Writes pending rows, then records how the run ended. */
  finishRun(runId: string, end: RunEnd): void {
    this.flush();
    if (this.#endRun(runId, end) === 0) {
      throw new FmopsError(
        "RUN_NOT_FOUND",
        `Cannot finish run ${runId}: no such run in ${this.path}`,
      );
    }
  }

  /** Writes every pending case and call row now, in one transaction. */
  flush(): void {
    this.#pendingRows.flush();
  }

  /**
   * Writes pending rows and closes the file. The file is closed even when
   * the last write fails; that failure is then thrown. Closing twice is
   * harmless.
   */
  close(): void {
    if (this.isClosed) return;
    process.off("exit", this.#flushOnExit);
    try {
      this.flush();
    } finally {
      this.#pendingRows.discard();
      this.#database.close();
    }
  }

  /** Runs, newest first; all of them unless `limit` is given. */
  listRuns(options: { limit?: number } = {}): RunRecord[] {
    if (options.limit !== undefined) assertRunLimit(options.limit);
    // SQLite reads a negative limit as "no limit".
    const limit = options.limit ?? -1;
    return this.#statements.selectLatestRuns.all(limit).map(fromRunRow);
  }

  /**
   * The run a user means by `reference`: a full id, a prefix that only one
   * id starts with, or `latest`. `null` when nothing matches; a prefix
   * shared by several runs is a usage error that lists them.
   */
  findRun(reference: string): RunRecord | null {
    const wanted = reference.trim();
    if (wanted === "") return null;
    if (wanted === latestRunReference) {
      return this.listRuns({ limit: 1 })[0] ?? null;
    }
    const exact = this.#statements.selectRun.get(wanted);
    if (exact !== undefined) return fromRunRow(exact);
    return this.#findRunByPrefix(wanted);
  }

  /** The run's cells, in the order they were saved. */
  getCells(runId: string): CellRecord[] {
    return this.#statements.selectCells.all(runId).map(fromCellRow);
  }

  /** Summaries of the run's finished cells, in the order cells were saved. */
  getCellSummaries(runId: string): CellSummary[] {
    return this.#statements.selectCells
      .all(runId)
      .map(cellSummaryFromRow)
      .filter((summary) => summary !== null);
  }

  /** The run's cases with their scores, in recording order. */
  getCases(runId: string, cellKey?: string): CaseRecord[] {
    this.flush();
    const { caseRows, scoreRows } = this.#selectCaseRows(runId, cellKey);
    const scoresByCase = groupScores(scoreRows);
    return caseRows.map((row) =>
      fromCaseRow(
        row,
        scoresByCase.get(caseKeyText(row)) ?? {
          scores: {},
          unscoredReasons: {},
        },
      ),
    );
  }

  /** The run's provider calls, in recording order. */
  getCalls(runId: string, cellKey?: string): CallRecord[] {
    this.flush();
    const rows =
      cellKey === undefined
        ? this.#statements.selectCalls.all(runId)
        : this.#statements.selectCellCalls.all({
            run_id: runId,
            cell_key: cellKey,
          });
    return rows.map(fromCallRow);
  }

  countCalls(runId: string): number {
    this.flush();
    return this.#statements.countCalls.get(runId) ?? 0;
  }

  // Imports: runs recorded in another store, written back whole.

  /** Whether a run with exactly this id is stored. */
  hasRun(runId: string): boolean {
    return this.#statements.selectRun.get(runId) !== undefined;
  }

  /**
   * Writes a run recorded elsewhere (its record, cells, summaries, cases
   * with scores, calls, then its labels) in one transaction, so an import
   * that fails leaves nothing half-written.
   */
  saveRecordedRun(recorded: RecordedRun): LabelAttachment[] {
    this.flush();
    try {
      return this.#database.transaction(() =>
        this.#writeRecordedRun(recorded),
      )();
    } catch (error) {
      throw this.#storeError(`Could not import run ${recorded.run.id}`, error);
    }
  }

  /**
   * The response JSON cached under `key`, counting the hit; `null` when the
   * key is not cached.
   */
  getCachedResponse(key: string): string | null {
    try {
      return this.#statements.hitCachedResponse.get(key) ?? null;
    } catch (error) {
      throw this.#storeError(`Could not read cached response ${key}`, error);
    }
  }

  /**
   * Caches a response, replacing one cached under the same key. It is
   * written at once, not batched, so a run that crashes keeps what it paid
   * for.
   */
  putCachedResponse(entry: CachedResponseEntry): void {
    try {
      this.#statements.replaceCachedResponse.run(
        toResponseCacheRow(entry, this.#clock()),
      );
    } catch (error) {
      throw this.#storeError(`Could not cache response ${entry.key}`, error);
    }
  }

  #endRun(runId: string, end: RunEnd): number {
    try {
      return this.#statements.endRun.run({
        id: runId,
        status: end.status,
        status_reason: end.statusReason,
        ended_at: end.endedAt,
        summary_json: end.summary === null ? null : JSON.stringify(end.summary),
        warnings_json:
          end.warnings === undefined ? null : JSON.stringify(end.warnings),
      }).changes;
    } catch (error) {
      throw this.#storeError(`Could not finish run ${runId}`, error);
    }
  }

  #assertOpen(action: string): void {
    if (!this.isClosed) return;
    throw new FmopsError(
      "STORE_ERROR",
      `Cannot ${action}: results store ${this.path} is closed`,
    );
  }

  #findRunByPrefix(prefix: string): RunRecord | null {
    const matches = this.#statements.selectRunIdsWithPrefix.all(prefix, prefix);
    const [first, ...others] = matches;
    if (first === undefined) return null;
    if (others.length > 0) {
      const ids = matches.map((match) => match.id).join(", ");
      throw new FmopsError(
        "USAGE",
        `Run reference "${prefix}" matches ${matches.length} runs (${ids}); ` +
          "give more of the id",
      );
    }
    const row = this.#statements.selectRun.get(first.id);
    return row === undefined ? null : fromRunRow(row);
  }

  #selectCaseRows(
    runId: string,
    cellKey: string | undefined,
  ): { caseRows: CaseRow[]; scoreRows: ScoreRow[] } {
    const statements = this.#statements;
    if (cellKey === undefined) {
      return {
        caseRows: statements.selectCases.all(runId),
        scoreRows: statements.selectScores.all(runId),
      };
    }
    const parameters = { run_id: runId, cell_key: cellKey };
    return {
      caseRows: statements.selectCellCases.all(parameters),
      scoreRows: statements.selectCellScores.all(parameters),
    };
  }

  #writeRecordedRun(recorded: RecordedRun): LabelAttachment[] {
    const { run, cells, summaries, cases, calls, labels } = recorded;
    this.#statements.insertRun.run(toRunRow(run));
    for (const cell of cells) this.#statements.upsertCell.run(toCellRow(cell));
    for (const summary of summaries) {
      this.#statements.upsertCellSummary.run(toCellSummaryRow(run.id, summary));
    }
    for (const record of cases) {
      this.#writePendingRow({ table: "cases", record });
    }
    for (const record of calls) {
      this.#writePendingRow({ table: "calls", record });
    }
    return labels.map((name) => this.labels.attach(name, run.id));
  }

  #writePendingRows(rows: PendingRow[]): void {
    try {
      this.#writeRowsAtOnce(rows);
    } catch (error) {
      throw this.#storeError(
        `Could not write ${rows.length} pending case and call rows`,
        error,
      );
    }
  }

  #writePendingRow(row: PendingRow): void {
    const statements = this.#statements;
    if (row.table === "calls") {
      statements.insertCall.run(toCallRow(row.record));
      return;
    }
    statements.upsertCase.run(toCaseRow(row.record));
    // Scores of a replaced case go too: the new case may score other metrics.
    statements.deleteScores.run(toCaseKey(row.record));
    for (const score of toScoreRows(row.record)) {
      statements.insertScore.run(score);
    }
  }

  #flushBeforeExit(): void {
    // The process is exiting and nothing can report a failure any more; a
    // store that cannot be written loses only what was still pending.
    try {
      this.close();
    } catch {}
  }

  #storeError(action: string, cause: unknown): FmopsError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new FmopsError(
      "STORE_ERROR",
      `${action} in results store ${this.path}: ${reason}`,
      { cause },
    );
  }
}

function assertRunLimit(limit: number): void {
  if (Number.isInteger(limit) && limit >= 0) return;
  throw new FmopsError(
    "USAGE",
    `The number of runs to list must be a whole number of 0 or more, got ${limit}`,
  );
}

function groupScores(rows: ScoreRow[]): Map<string, CaseScores> {
  const scoresByCase = new Map<string, CaseScores>();
  for (const row of rows) {
    const key = caseKeyText(row);
    const grouped = scoresByCase.get(key) ?? {
      scores: {},
      unscoredReasons: {},
    };
    grouped.scores[row.metric] = row.value;
    if (row.reason !== null) grouped.unscoredReasons[row.metric] = row.reason;
    scoresByCase.set(key, grouped);
  }
  return scoresByCase;
}
