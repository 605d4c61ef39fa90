import type Database from "better-sqlite3";
import { FmopsError } from "../errors/fmops-error.js";
import {
  latestSchemaVersion,
  type Migration,
  migrations,
} from "./migrations.js";

const createHistory = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/**
 * Brings a store up to the latest schema, applying only the steps it lacks.
 * `PRAGMA user_version` is the source of truth; `schema_migrations` keeps
 * when each step ran. A store written by a newer fmops is refused rather
 * than read with a schema this version does not know.
 *
 * @returns the versions applied, oldest first (empty when up to date).
 */
export function migrateDatabase(
  database: Database.Database,
  path: string,
  clock: () => Date,
): number[] {
  assertKnownVersion(readSchemaVersion(database), path);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (applyIfMissing(database, migration, path, clock)) {
      applied.push(migration.version);
    }
  }
  return applied;
}

/** The schema version recorded in the file; 0 for a new, empty store. */
export function readSchemaVersion(database: Database.Database): number {
  return Number(database.pragma("user_version", { simple: true }));
}

function assertKnownVersion(version: number, path: string): void {
  const latest = latestSchemaVersion();
  if (version <= latest) return;
  throw new FmopsError(
    "STORE_ERROR",
    `Results store ${path} has schema version ${version}, but this fmops ` +
      `knows versions up to ${latest}; it was written by a newer fmops, ` +
      "so upgrade fmops to open it",
  );
}

function applyIfMissing(
  database: Database.Database,
  migration: Migration,
  path: string,
  clock: () => Date,
): boolean {
  // An immediate transaction takes the write lock before reading the
  // version, so two processes opening a new store do not both migrate it.
  const apply = database.transaction(() => {
    const version = readSchemaVersion(database);
    assertKnownVersion(version, path);
    if (version >= migration.version) return false;
    database.exec(createHistory);
    database.exec(migration.up);
    if (migration.rebuildsTables === true) assertForeignKeys(database, path);
    recordHistory(database, migration, clock());
    database.pragma(`user_version = ${migration.version}`);
    return true;
  });
  if (migration.rebuildsTables !== true) return apply.immediate();
  return withoutForeignKeys(database, () => apply.immediate());
}

/**
 * Runs `work` with foreign key enforcement off, as SQLite's recipe for
 * rebuilding a table asks: the pragma is ignored inside a transaction, so
 * it is set around it, and restored however `work` ends.
 */
function withoutForeignKeys<Result>(
  database: Database.Database,
  work: () => Result,
): Result {
  const wasEnforced = database.pragma("foreign_keys", { simple: true }) === 1;
  database.pragma("foreign_keys = OFF");
  try {
    return work();
  } finally {
    if (wasEnforced) database.pragma("foreign_keys = ON");
  }
}

function assertForeignKeys(database: Database.Database, path: string): void {
  const violations = database.pragma("foreign_key_check") as unknown[];
  if (violations.length === 0) return;
  throw new FmopsError(
    "STORE_ERROR",
    `Results store ${path}: a schema upgrade would leave ` +
      `${violations.length} rows pointing at missing rows; nothing was changed`,
  );
}

function recordHistory(
  database: Database.Database,
  migration: Migration,
  appliedAt: Date,
): void {
  database
    .prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
    )
    .run(migration.version, migration.name, appliedAt.toISOString());
}
