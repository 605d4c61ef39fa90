import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { FmopsError } from "../errors/fmops-error.js";
import { migrateDatabase } from "./migrate-database.js";
import {
  defaultWriteBatching,
  ResultsStore,
  type WriteBatching,
} from "./results-store.js";

/** Options of {@link openResultsStore}. */
export interface OpenResultsStoreOptions extends Partial<WriteBatching> {
  /**
   * Time stamps of applied migrations and cached responses.
   * @default () => new Date()
   */
  clock?: () => Date;
}

/** The path that opens a store in memory, gone when it closes. */
export const inMemoryStorePath = ":memory:";

// How long a writer waits for another process's lock before failing; a
// shared store may be written by several runs at once.
const busyTimeoutMs = 5_000;

/**
 * Opens the results store at `path`, creating the file and its folders when
 * missing and upgrading its schema. Write-ahead logging lets readers such as
 * `fmops show` look at a run while it is being written; `synchronous=NORMAL`
 * keeps every committed batch across a crash of the process.
 */
export function openResultsStore(
  path: string,
  options: OpenResultsStoreOptions = {},
): ResultsStore {
  const database = openDatabase(path);
  const clock = options.clock ?? (() => new Date());
  try {
    configure(database);
    migrateDatabase(database, path, clock);
    const batching = {
      maxPendingRows:
        options.maxPendingRows ?? defaultWriteBatching.maxPendingRows,
      flushDelayMs: options.flushDelayMs ?? defaultWriteBatching.flushDelayMs,
    };
    return new ResultsStore(database, path, batching, clock);
  } catch (error) {
    database.close();
    throw asOpenError(path, error);
  }
}

function openDatabase(path: string): Database.Database {
  try {
    if (path !== inMemoryStorePath) {
      mkdirSync(dirname(path), { recursive: true });
    }
    return new Database(path, { timeout: busyTimeoutMs });
  } catch (error) {
    throw asOpenError(path, error);
  }
}

function configure(database: Database.Database): void {
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
}

/**
 * A store that cannot be opened is a path the user gave that does not
 * hold one (a folder, another kind of file): a usage error, exit 2.
 */
function asOpenError(path: string, error: unknown): FmopsError {
  // A refusal from the migrations already names the path and the versions.
  if (error instanceof FmopsError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new FmopsError(
    "USAGE",
    `Cannot open results store ${path}: ${reason}; expected a SQLite ` +
      "file written by fmops, or a path where one can be created",
    { cause: error },
  );
}
