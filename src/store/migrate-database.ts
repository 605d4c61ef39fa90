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
    recordHistory(database, migration, clock());
    database.pragma(`user_version = ${migration.version}`);
    return true;
  });
  return apply.immediate();
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
