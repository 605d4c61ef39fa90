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
    expect(applied).toEqual(migrations.map((migration) => migration.version));
    expect(readSchemaVersion(database)).toBe(latestSchemaVersion());
    expect(tableNames()).toEqual([
      "calls",
      "cases",
      "cells",
      "labels",
      "response_cache",
      "runs",
      "schema_migrations",
      "scores",
    ]);
  });

  it("records when each step ran", () => {
    migrateDatabase(database, path, fixedClock);
    const history = database.prepare("SELECT * FROM schema_migrations").all();
    expect(history.slice(0, 3)).toEqual([
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
      {
        version: 3,
        name: "unscored reasons, call purposes and evaluation costs",
        applied_at: "2026-12-03T17:12:05.000Z",
      },
    ]);
    expect(history).toHaveLength(latestSchemaVersion());
  });

  it("upgrades a version 1 store by applying only the steps after it", () => {
    const [first] = migrations;
    if (first === undefined) throw new Error("no first migration");
    database.exec(first.up);
    database.pragma("user_version = 1");
    expect(migrateDatabase(database, path, fixedClock)).toEqual(
      migrations.slice(1).map((migration) => migration.version),
    );
    expect(readSchemaVersion(database)).toBe(latestSchemaVersion());
    expect(columnNames("cases")).toContain("is_cached");
    expect(columnNames("calls")).toContain("error_class");
    expect(tableNames()).toContain("response_cache");
  });

  it("upgrades a version 2 store: old calls served the system, old cases spent nothing on scoring", () => {
    for (const migration of migrations.slice(0, 2)) database.exec(migration.up);
    database.pragma("user_version = 2");
    database.exec(`
      INSERT INTO runs VALUES ('r', 'e', 'e.yaml', '{}', 'c', 'd', NULL,
        '0.1.0', '2026-01-01T00:00:00Z', NULL, 'completed', NULL, '[]', NULL);
      INSERT INTO cases (run_id, cell_key, question_id, question,
        retrieved_chunk_ids_json, retrieved_document_ids_json,
        retrieval_latency_ms, latency_ms, input_tokens, output_tokens)
        VALUES ('r', 'c', 'q', '?', '[]', '[]', 1, 1, 5, 2);
      INSERT INTO scores VALUES ('r', 'c', 'q', 'token_f1', 0.5);
      INSERT INTO calls (run_id, kind, provider, model_id, started_at,
        latency_ms, input_tokens, output_tokens, status, attempt)
        VALUES ('r', 'chat', 'openai', 'm', '2026-01-01T00:00:00Z', 1, 5, 2,
        'ok', 1);
    `);
    expect(migrateDatabase(database, path, fixedClock)[0]).toBe(3);
    expect(
      database
        .prepare(
          "SELECT evaluation_input_tokens AS input, " +
            "evaluation_output_tokens AS output, evaluation_cost_usd AS cost " +
            "FROM cases",
        )
        .get(),
    ).toEqual({ input: 0, output: 0, cost: 0 });
    expect(database.prepare("SELECT reason FROM scores").pluck().get()).toBe(
      null,
    );
    expect(database.prepare("SELECT purpose FROM calls").pluck().get()).toBe(
      "system",
    );
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
