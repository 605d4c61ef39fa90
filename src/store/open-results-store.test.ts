import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { latestSchemaVersion, migrations } from "./migrations.js";
import { inMemoryStorePath, openResultsStore } from "./open-results-store.js";

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "fmops-open-"));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** A store as fmops wrote it before version 2, with one run of each row. */
function writeVersionOneStore(path: string): void {
  const [first] = migrations;
  if (first === undefined) throw new Error("no first migration");
  const database = new Database(path);
  try {
    database.exec(first.up);
    database.pragma("user_version = 1");
    database.exec(`
      INSERT INTO runs VALUES ('20250101-090000-0a1b', 'quickstart',
        '/repo/experiments/quickstart.yaml', '{}', 'c0ffee', 'da7a', NULL,
        '0.1.0', '2025-01-01T09:00:00.000Z', NULL, 'running', NULL, '[]',
        NULL);
      INSERT INTO cases VALUES ('20250101-090000-0a1b', 'cell-a', 'q1',
        'How many vacation days?', '25 days', '["leave.md#0"]',
        '["leave.md"]', 1.5, 40, 41.5, 812, 9, 0.000125, NULL);
      INSERT INTO scores VALUES ('20250101-090000-0a1b', 'cell-a', 'q1',
        'token_f1', 0.8);
      INSERT INTO calls (run_id, cell_key, question_id, kind, provider,
        model_id, started_at, latency_ms, time_to_first_token_ms,
        input_tokens, output_tokens, cost_usd, status, error_message, attempt)
      VALUES ('20250101-090000-0a1b', 'cell-a', 'q1', 'chat', 'openai',
        'gpt-4o-mini', '2025-01-01T09:00:01.000Z', 12, NULL, 0, 0, NULL,
        'error', '429 Too Many Requests', 1);
    `);
  } finally {
    database.close();
  }
}

function readPragma(path: string, name: string): unknown {
  const reader = new Database(path, { readonly: true });
  try {
    return reader.pragma(name, { simple: true });
  } finally {
    reader.close();
  }
}

describe("openResultsStore", () => {
  it("creates missing folders and a store at the latest schema", () => {
    const path = join(folder, "results", "nested", "fmops.sqlite");
    openResultsStore(path).close();
    expect(readPragma(path, "user_version")).toBe(latestSchemaVersion());
  });

  it("turns on write-ahead logging, which stays with the file", () => {
    const path = join(folder, "fmops.sqlite");
    const store = openResultsStore(path);
    try {
      expect(readPragma(path, "journal_mode")).toBe("wal");
    } finally {
      store.close();
    }
  });

  it("opens an existing store again without losing what it holds", () => {
    const path = join(folder, "fmops.sqlite");
    const first = openResultsStore(path);
    first.createRun({
      id: "20261203-171205-4f2a",
      experimentName: "quickstart",
      experimentPath: "/repo/experiments/quickstart.yaml",
      configJson: "{}",
      configHash: "c0ffee",
      datasetHash: "da7a",
      gitCommit: null,
      fmopsVersion: "0.1.0",
      startedAt: "2026-12-03T17:12:05.000Z",
      endedAt: null,
      status: "running",
      statusReason: null,
      warnings: [],
      summary: null,
    });
    first.close();
    const second = openResultsStore(path);
    try {
      expect(second.listRuns().map((run) => run.id)).toEqual([
        "20261203-171205-4f2a",
      ]);
    } finally {
      second.close();
    }
  });

  it("upgrades a version 1 store, reading its old rows as not cached", () => {
    const path = join(folder, "v1.sqlite");
    writeVersionOneStore(path);
    const store = openResultsStore(path);
    try {
      expect(readPragma(path, "user_version")).toBe(latestSchemaVersion());
      const [oldCase] = store.getCases("20250101-090000-0a1b");
      expect(oldCase).toMatchObject({
        questionId: "q1",
        answer: "25 days",
        retrievedChunkIds: ["leave.md#0"],
        isCached: false,
        scores: { token_f1: 0.8 },
        // Nothing was spent on scoring before judge evaluators existed.
        unscoredReasons: {},
        evaluationInputTokens: 0,
        evaluationOutputTokens: 0,
        evaluationCostUsd: 0,
      });
      expect(store.getCalls("20250101-090000-0a1b")).toEqual([
        expect.objectContaining({
          status: "error",
          errorMessage: "429 Too Many Requests",
          errorClass: null,
          purpose: "system",
        }),
      ]);
      // The new cache table works in the upgraded file.
      store.putCachedResponse({
        key: "k",
        provider: "openai",
        modelId: "gpt-4o-mini",
        responseJson: "{}",
      });
      expect(store.getCachedResponse("k")).toBe("{}");
    } finally {
      store.close();
    }
  });

  it("names the path and the reason when the path is a folder", () => {
    const path = join(folder, "a-folder");
    mkdirSync(path);
    expect(() => openResultsStore(path)).toThrow(
      expect.objectContaining({
        code: "USAGE",
        message: expect.stringContaining(
          `Cannot open results store ${path}: unable to open database file`,
        ),
        cause: expect.any(Error),
      }),
    );
  });

  it("names the path and the reason when the file is not SQLite", () => {
    const path = join(folder, "notes.txt");
    writeFileSync(path, "these are notes, not a database\n".repeat(64));
    expect(() => openResultsStore(path)).toThrow(
      expect.objectContaining({
        code: "USAGE",
        message: expect.stringContaining(
          `Cannot open results store ${path}: file is not a database`,
        ),
      }),
    );
  });

  it("refuses a store from a newer fmops and leaves it untouched", () => {
    const path = join(folder, "future.sqlite");
    const future = new Database(path);
    future.pragma(`user_version = ${latestSchemaVersion() + 5}`);
    future.close();
    expect(() => openResultsStore(path)).toThrow(
      `Results store ${path} has schema version ${latestSchemaVersion() + 5}`,
    );
    expect(readPragma(path, "user_version")).toBe(latestSchemaVersion() + 5);
  });

  it("opens a store in memory for throwaway use", () => {
    const store = openResultsStore(inMemoryStorePath);
    try {
      expect(store.listRuns()).toEqual([]);
    } finally {
      store.close();
    }
  });
});
