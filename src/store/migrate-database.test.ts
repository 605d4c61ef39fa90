import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateDatabase, readSchemaVersion } from "./migrate-database.js";
import { latestSchemaVersion, migrations } from "./migrations.js";

let folder: string;
let path: string;
let database: Database.Database;
const fixedClock = () => new Date("2026-12-03T17:12:05.000Z");

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "fmops-migrate-"));
  path = join(folder, "results.sqlite");
  database = new Database(path);
});

afterEach(() => {
  database.close();
  rmSync(folder, { recursive: true, force: true });
});

function tableNames(): string[] {
  return database
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    )
    .pluck()
    .all() as string[];
}

function columnNames(table: string): string[] {
  return database
    .prepare(`SELECT name FROM pragma_table_info('${table}')`)
    .pluck()
    .all() as string[];
}

describe("migrations", () => {
  it("count versions up from 1 without gaps", () => {
    const versions = migrations.map((migration) => migration.version);
    expect(versions).toEqual(versions.map((_, index) => index + 1));
    expect(latestSchemaVersion()).toBe(versions.length);
  });
});

describe("migrateDatabase", () => {
  it("builds the whole schema in an empty file", () => {
    expect(readSchemaVersion(database)).toBe(0);
    const applied = migrateDatabase(database, path, fixedClock);
    expect(applied).toEqual([1, 2]);
    expect(readSchemaVersion(database)).toBe(latestSchemaVersion());
    expect(tableNames()).toEqual([
      "calls",
      "cases",
      "cells",
      "response_cache",
      "runs",
      "schema_migrations",
      "scores",
    ]);
  });

  it("records when each step ran", () => {
    migrateDatabase(database, path, fixedClock);
    const history = database.prepare("SELECT * FROM schema_migrations").all();
    expect(history).toEqual([
      {
        version: 1,
        name: "runs, cells, cases, scores and calls",
        applied_at: "2026-12-03T17:12:05.000Z",
      },
      {
        version: 2,
        name: "cached cases, call error classes and the response cache",
        applied_at: "2026-12-03T17:12:05.000Z",
      },
    ]);
  });

  it("upgrades a version 1 store by applying only the steps after it", () => {
    const [first] = migrations;
    if (first === undefined) throw new Error("no first migration");
    database.exec(first.up);
    database.pragma("user_version = 1");
    expect(migrateDatabase(database, path, fixedClock)).toEqual([2]);
    expect(readSchemaVersion(database)).toBe(2);
    expect(columnNames("cases")).toContain("is_cached");
    expect(columnNames("calls")).toContain("error_class");
    expect(tableNames()).toContain("response_cache");
  });

  it("applies nothing to a store that is up to date", () => {
    migrateDatabase(database, path, fixedClock);
    database.close();
    database = new Database(path);
    expect(migrateDatabase(database, path, fixedClock)).toEqual([]);
    expect(readSchemaVersion(database)).toBe(latestSchemaVersion());
  });

  it("refuses a store written by a newer fmops, naming both versions", () => {
    const newer = latestSchemaVersion() + 1;
    database.pragma(`user_version = ${newer}`);
    expect(() => migrateDatabase(database, path, fixedClock)).toThrow(
      expect.objectContaining({
        code: "STORE_ERROR",
        message: expect.stringMatching(
          new RegExp(
            `${path}.* schema version ${newer}.* up to ${latestSchemaVersion()}`,
          ),
        ),
      }),
    );
    // Nothing was created in the refused file.
    expect(tableNames()).toEqual([]);
  });

  it("rolls back a step that fails, leaving the version unchanged", () => {
    // A table in the way makes the first step fail part way through.
    database.exec("CREATE TABLE cells (x)");
    expect(() => migrateDatabase(database, path, fixedClock)).toThrow(
      /table cells already exists/,
    );
    expect(readSchemaVersion(database)).toBe(0);
    expect(tableNames()).toEqual(["cells"]);
  });
});
