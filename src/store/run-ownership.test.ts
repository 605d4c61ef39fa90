import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrations } from "./migrations.js";
import { openResultsStore } from "./open-results-store.js";

let folder: string;
let path: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "fmops-ownership-"));
  path = join(folder, "results.db");
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

const RUN_COLUMNS =
  "id, experiment_name, experiment_path, config_json, config_hash, " +
  "dataset_hash, fmops_version, started_at, status, warnings_json";

/** A store at schema version 3 holding one run with a cell, case and call. */
function writeVersionThreeStore(status: string): void {
  const database = new Database(path);
  database.pragma("foreign_keys = ON");
  for (const migration of migrations.filter((step) => step.version <= 3)) {
    database.exec(migration.up);
  }
  database.pragma("user_version = 3");
  database
    .prepare(
      `INSERT INTO runs (${RUN_COLUMNS}) VALUES ` +
        "('r1', 'x', '/x.yaml', '{}', 'h', 'd', '0.1.0', '2026-12-03', ?, '[]')",
    )
    .run(status);
  database.exec(`
    INSERT INTO cells (run_id, key, label, params_json) VALUES ('r1', 'c', 'c', '{}');
    INSERT INTO cases (run_id, cell_key, question_id, question,
      retrieved_chunk_ids_json, retrieved_document_ids_json,
      retrieval_latency_ms, latency_ms, input_tokens, output_tokens)
      VALUES ('r1', 'c', 'q1', 'why?', '[]', '[]', 1, 1, 0, 0);
    INSERT INTO scores (run_id, cell_key, question_id, metric, value)
      VALUES ('r1', 'c', 'q1', 'contains', 1);
    INSERT INTO calls (run_id, kind, provider, model_id, started_at,
      latency_ms, input_tokens, output_tokens, status, attempt)
      VALUES ('r1', 'chat', 'openai', 'm', '2026-12-03', 1, 1, 1, 'ok', 1);
  `);
  database.close();
}

function countRows(table: string): number {
  const database = new Database(path, { readonly: true });
  try {
    return database
      .prepare(`SELECT count(*) FROM ${table}`)
      .pluck()
      .get() as number;
  } finally {
    database.close();
  }
}

function setOwner(pid: number, host: string): void {
  const database = new Database(path);
  database
    .prepare("UPDATE runs SET owner_pid = ?, owner_host = ? WHERE id = 'r1'")
    .run(pid, host);
  database.close();
}

describe("schema version 4", () => {
  it("rebuilds runs without losing a row that references them", () => {
    writeVersionThreeStore("interrupted");
    const store = openResultsStore(path);
    expect(store.findRun("r1")?.status).toBe("interrupted");
    store.close();

    for (const table of ["runs", "cells", "cases", "scores", "calls"]) {
      expect(countRows(table)).toBe(1);
    }
    const database = new Database(path);
    expect(database.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(database.pragma("foreign_key_check")).toEqual([]);
    // The new status is allowed, and deleting a run still cascades.
    database.prepare("UPDATE runs SET status = 'stopped'").run();
    database.pragma("foreign_keys = ON");
    database.prepare("DELETE FROM runs").run();
    expect(database.prepare("SELECT count(*) FROM cases").pluck().get()).toBe(
      0,
    );
    database.close();
  });
});

describe("resuming a recorded run", () => {
  it("claims an interrupted run and marks it running under this process", () => {
    writeVersionThreeStore("interrupted");
    const store = openResultsStore(path);
    store.resumeRun("r1");
    expect(store.findRun("r1")).toMatchObject({
      status: "running",
      statusReason: null,
      endedAt: null,
    });
    store.close();
  });

  it("claims a crashed run, whose process is gone", () => {
    writeVersionThreeStore("running");
    openResultsStore(path).close();
    const goneProcessId = spawnSync(process.execPath, ["-e", ""]).pid;
    setOwner(goneProcessId, hostname());
    const store = openResultsStore(path);
    expect(() => store.resumeRun("r1")).not.toThrow();
    store.close();
  });

  it("refuses a run whose process still runs or cannot be checked", () => {
    writeVersionThreeStore("running");
    openResultsStore(path).close();
    setOwner(process.ppid, hostname());
    const store = openResultsStore(path);
    expect(() => store.resumeRun("r1")).toThrow(
      `Run r1 is still running (process ${process.ppid} on ${hostname()})`,
    );
    store.close();

    setOwner(1, "another-machine");
    const again = openResultsStore(path);
    expect(() => again.resumeRun("r1")).toThrow(/still running/);
    again.close();
  });

  it("refuses a completed run", () => {
    writeVersionThreeStore("completed");
    const store = openResultsStore(path);
    expect(() => store.resumeRun("r1")).toThrow(
      "Run r1 completed; there is nothing to resume",
    );
    store.close();
  });
});
