import Database from "better-sqlite3";

/** Bumped whenever the tables an index file holds change shape. */
export const INDEX_FORMAT_VERSION = 1;

/** Name → value pairs of an index file's `meta` table. */
export type IndexMeta = ReadonlyMap<string, string>;

/** An open SQLite connection to one index file. */
export type IndexDatabase = Database.Database;

/**
 * Opens an index file. Built files are opened read-only: once renamed into
 * place they never change, and a read-only handle cannot damage them.
 * Such a handle also keeps its shared lock for good, which other readers
 * allow: SQLite then skips the locking and change checks it would make
 * around every query, eight system calls that cost more than a term
 * lookup itself.
 */
export function openIndexDatabase(
  path: string,
  options: { isReadOnly: boolean },
): IndexDatabase {
  const database = new Database(path, {
    readonly: options.isReadOnly,
    fileMustExist: options.isReadOnly,
  });
  if (options.isReadOnly) database.pragma("locking_mode = EXCLUSIVE");
  return database;
}

/**
 * Settings for writing a fresh temporary file. A failed build deletes the
 * file, and the finished file is flushed before it is renamed, so neither a
 * rollback journal nor a sync after each transaction buys any safety.
 */
export function prepareForBuild(database: IndexDatabase): void {
  database.pragma("journal_mode = OFF");
  database.pragma("synchronous = OFF");
  database.exec(
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
  );
}

export function writeMeta(
  database: IndexDatabase,
  entries: Record<string, string | number>,
): void {
  const upsert = database.prepare(
    "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)",
  );
  for (const [name, value] of Object.entries(entries)) {
    upsert.run(name, String(value));
  }
}

/** The meta table, or an empty map when the file has none. */
export function readMeta(database: IndexDatabase): IndexMeta {
  const hasTable = database
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get("meta");
  if (hasTable === undefined) return new Map();
  const rows = database.prepare("SELECT name, value FROM meta").raw().all();
  return new Map(rows as [string, string][]);
}

/** A numeric meta entry; missing or malformed entries read as `null`. */
export function readMetaNumber(meta: IndexMeta, name: string): number | null {
  const text = meta.get(name);
  if (text === undefined) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
