import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { FmopsError } from "../errors/fmops-error.js";
import type { RunRecord } from "../spec/records.js";
import { readSchemaVersion } from "../store/migrate-database.js";
import { latestSchemaVersion } from "../store/migrations.js";
import { openResultsStore } from "../store/open-results-store.js";
import { type RecordedRun, readRecordedRun } from "../store/recorded-run.js";

/**
 * Calls `take` with each run of the results store at `path`, oldest first.
 * The file is never written: a copy, upgraded to this fmops's schema,
 * is read instead, and deleted afterwards. A file that is not a results
 * store, or one written by a newer fmops, is refused with a usage error.
 *
 * `wants` is asked first, so runs that will be skipped are not read.
 */
export async function readStoreRuns(
  path: string,
  wants: (run: RunRecord) => boolean,
  take: (recorded: RecordedRun) => void,
): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "fmops-import-"));
  try {
    const copyPath = join(folder, "copy.db");
    await copyCheckedStore(path, copyPath);
    const store = openResultsStore(copyPath);
    try {
      for (const run of store.listRuns().reverse()) {
        if (wants(run)) take(readRecordedRun(store, run));
      }
    } finally {
      store.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function copyCheckedStore(path: string, copyPath: string) {
  const source = openReadOnly(path);
  try {
    assertResultsStore(source, path);
    // The backup API copies a consistent snapshot, WAL content included.
    await source.backup(copyPath);
  } finally {
    source.close();
  }
}

function openReadOnly(path: string): Database.Database {
  try {
    return new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw notAStore(path, error);
  }
}

function assertResultsStore(database: Database.Database, path: string) {
  let version: number;
  let hasRuns: boolean;
  try {
    version = readSchemaVersion(database);
    hasRuns =
      database
        .prepare(
          "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'runs'",
        )
        .get() !== undefined;
  } catch (error) {
    throw notAStore(path, error);
  }
  if (version === 0 || !hasRuns) throw notAStore(path, null);
  const latest = latestSchemaVersion();
  if (version > latest) {
    throw new FmopsError(
      "USAGE",
      `${path} has results store schema version ${version}, but this ` +
        `fmops reads versions up to ${latest}; upgrade fmops to import it`,
    );
  }
}

function notAStore(path: string, cause: unknown): FmopsError {
  const reason =
    cause instanceof Error ? ` (${cause.message})` : " (no fmops tables)";
  return new FmopsError(
    "USAGE",
    `${path} is not an fmops results store${reason}; expected a .db file ` +
      "written by fmops, or a JSON export from `fmops report --format json`",
    { cause },
  );
}
