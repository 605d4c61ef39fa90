import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { FmopsError } from "../errors/fmops-error.js";
import { fromRunExport } from "../report/export/run-export.js";
import type { LabelAttachment } from "../store/labels.js";
import type { RecordedRun } from "../store/recorded-run.js";
import type { ResultsStore } from "../store/results-store.js";
import { parseRunExport } from "./read-run-export.js";
import { readStoreRuns } from "./read-store-runs.js";

/** What `fmops import` did. */
export interface ImportOutcome {
  /** `store` for a results database, `export` for a JSON export. */
  source: "store" | "export";
  /** Ids of the runs written, oldest first. */
  importedRunIds: string[];
  /** Ids of the runs left alone because the store already had them. */
  skippedRunIds: string[];
  /** Labels the imported runs brought, and what each replaced. */
  labels: LabelAttachment[];
}

// Every SQLite database file starts with these 16 bytes.
const sqliteHeader = Buffer.from("SQLite format 3\0", "latin1");

/**
 * Copies the runs of `path` into `target`: every run of another results
 * store, or the one run of a JSON export. A run whose id `target` already
 * holds is skipped, so importing twice changes nothing.
 */
export async function importResultsFile(
  target: ResultsStore,
  path: string,
): Promise<ImportOutcome> {
  const outcome = {
    importedRunIds: [] as string[],
    skippedRunIds: [] as string[],
    labels: [] as LabelAttachment[],
  };
  const save = (recorded: RecordedRun) => {
    outcome.labels.push(...target.saveRecordedRun(recorded));
    outcome.importedRunIds.push(recorded.run.id);
  };
  const isNew = (runId: string) => {
    if (!target.hasRun(runId)) return true;
    outcome.skippedRunIds.push(runId);
    return false;
  };
  if (isSqliteFile(path)) {
    await readStoreRuns(path, (run) => isNew(run.id), save);
    return { source: "store", ...outcome };
  }
  const recorded = fromRunExport(parseRunExport(readText(path), path));
  if (isNew(recorded.run.id)) save(recorded);
  return { source: "export", ...outcome };
}

function isSqliteFile(path: string): boolean {
  const header = Buffer.alloc(sqliteHeader.length);
  let descriptor: number;
  try {
    descriptor = openSync(path, "r");
  } catch (error) {
    throw cannotRead(path, error);
  }
  try {
    const length = readSync(descriptor, header, 0, header.length, 0);
    return length === header.length && header.equals(sqliteHeader);
  } catch (error) {
    throw cannotRead(path, error);
  } finally {
    closeSync(descriptor);
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw cannotRead(path, error);
  }
}

function cannotRead(path: string, cause: unknown): FmopsError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new FmopsError("USAGE", `cannot read ${path}: ${reason}`, { cause });
}
