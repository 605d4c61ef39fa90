import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrations } from "../../store/migrations.js";
import { openResultsStore } from "../../store/open-results-store.js";
import type { CliProject } from "../../test-support/cli-project.test-support.js";
import { createTinyProject } from "../../test-support/tiny-experiment.test-support.js";

let project: CliProject;

beforeEach(() => {
  project = createTinyProject();
});

afterEach(() => project.remove());

async function benchRunId(db?: string): Promise<string> {
  const argv = ["bench", "experiment.yaml", "--json"];
  const result = await project.fmops(
    db === undefined ? argv : [...argv, "--db", db],
  );
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout).run.id;
}

describe("fmops import of a results database", () => {
  it("copies runs with their cases, calls and labels, then skips them", async () => {
    const mainDb = join(project.folder, "main.db");
    const mainRun = await benchRunId(mainDb);
    expect(
      (await project.fmops(["label", mainRun, "main", "--db", mainDb]))
        .exitCode,
    ).toBe(0);
    const localRun = await benchRunId();

    const first = await project.fmops(["import", "main.db"]);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toBe(
      `Imported 1 run from main.db: ${mainRun}\n` +
        `Skipped 0 runs already in ${project.dbPath}\n` +
        `Label main names run ${mainRun}\n`,
    );
    const second = await project.fmops(["import", "main.db"]);
    expect(second.stdout).toContain("Imported 0 runs from main.db\n");
    expect(second.stdout).toContain(
      `Skipped 1 run already in ${project.dbPath}: ${mainRun}`,
    );

    const source = openResultsStore(mainDb);
    const target = openResultsStore(project.dbPath);
    try {
      expect(
        target
          .listRuns()
          .map((run) => run.id)
          .sort(),
      ).toEqual([mainRun, localRun].sort());
      expect(target.getCases(mainRun)).toEqual(source.getCases(mainRun));
      expect(target.getCalls(mainRun)).toEqual(source.getCalls(mainRun));
      expect(target.getCellSummaries(mainRun)).toEqual(
        source.getCellSummaries(mainRun),
      );
      expect(target.labels.find("main")?.runId).toBe(mainRun);
    } finally {
      source.close();
      target.close();
    }
    // The baseline a CI job restored is now usable by its label.
    const report = await project.fmops([
      "report",
      localRun,
      "--baseline",
      "main",
    ]);
    expect(report.stdout).toContain(`Baseline run \`${mainRun}\``);
  });

  it("upgrades a copy of a store written by an older fmops", async () => {
    const oldDb = join(project.folder, "old.db");
    writeVersion2Store(oldDb);

    const result = await project.fmops(["import", "old.db"]);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("Imported 1 run from old.db: old-run");
    const target = openResultsStore(project.dbPath);
    try {
      const [record] = target.getCases("old-run");
      expect(record).toMatchObject({
        questionId: "q1",
        scores: { contains: 1 },
      });
    } finally {
      target.close();
    }
    // The file itself is left at its version.
    const old = new Database(oldDb, { readonly: true });
    expect(old.pragma("user_version", { simple: true })).toBe(2);
    old.close();
  });

  it("refuses a store written by a newer fmops, with exit 2", async () => {
    const newDb = join(project.folder, "new.db");
    await benchRunId(newDb);
    const database = new Database(newDb);
    database.pragma("user_version = 999");
    database.close();

    const result = await project.fmops(["import", "new.db"]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("has results store schema version 999");
    expect(result.stderr).toContain("upgrade fmops to import it");
  });

  it("refuses a SQLite file that is not a results store", async () => {
    const database = new Database(join(project.folder, "other.db"));
    database.exec("CREATE TABLE things (id INTEGER)");
    database.close();

    const result = await project.fmops(["import", "other.db"]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("other.db is not an fmops results store");
  });
});

/** A fresh run of the tiny project, as its JSON export reads. */
async function exportedRun() {
  const runId = await benchRunId();
  await project.fmops([
    "report",
    runId,
    "--format",
    "json",
    "--out",
    "run.json",
  ]);
  return JSON.parse(readFileSync(join(project.folder, "run.json"), "utf8"));
}

describe("fmops import of a JSON export", () => {
  it("names the field that is wrong, with exit 2 and nothing written", async () => {
    const exported = await exportedRun();
    exported.cases[2].latencyMs = "fast";
    writeFileSync(join(project.folder, "bad.json"), JSON.stringify(exported));
    const otherDb = join(project.folder, "other.db");

    const result = await project.fmops(["import", "bad.json", "--db", otherDb]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'error: bad.json: cases[2].latencyMs: expected a number of milliseconds ≥ 0, got "fast" (string)\n',
    );
    const other = openResultsStore(otherDb);
    expect(other.listRuns()).toEqual([]);
    other.close();

    exported.cases[2].latencyMs = 1;
    exported.labels = ["latest"];
    writeFileSync(join(project.folder, "label.json"), JSON.stringify(exported));
    const label = await project.fmops([
      "import",
      "label.json",
      "--db",
      otherDb,
    ]);
    expect(label.exitCode).toBe(2);
    expect(label.stderr).toContain(
      "labels[0]: expected a label name: a letter, then up to 63 letters",
    );

    exported.labels = [];
    exported.run.config.gates = [{ metric: "contains", min: 0.5 }];
    writeFileSync(join(project.folder, "gate.json"), JSON.stringify(exported));
    const gate = await project.fmops(["import", "gate.json", "--db", otherDb]);
    expect(gate.exitCode).toBe(2);
    expect(gate.stderr).toContain("run.config.gates[0].max: expected");
  });

  it("refuses unlisted or repeated cells, and a case given twice", async () => {
    const exported = await exportedRun();
    const [first, second] = exported.cases;
    second.cellKey = "0123456789ab";
    exported.cases.push({ ...first });
    exported.calls[0].cellKey = "fedcba987654";
    exported.cells.push({ ...exported.cells[0] });
    writeFileSync(join(project.folder, "bad.json"), JSON.stringify(exported));
    const otherDb = join(project.folder, "other.db");

    const result = await project.fmops(["import", "bad.json", "--db", otherDb]);

    expect(result.exitCode).toBe(2);
    const last = exported.cases.length - 1;
    const copy = exported.cells.length - 1;
    expect(result.stderr).toBe(
      `error: bad.json: cells[${copy}].key: expected a cell key not listed before, got "${exported.cells[0].key}" (string)\n` +
        'bad.json: cases[1].cellKey: expected the key of a cell listed under cells, got "0123456789ab" (string)\n' +
        `bad.json: cases[${last}].questionId: expected a question this cell has no case for yet, got "${first.questionId}" (string)\n` +
        'bad.json: calls[0].cellKey: expected null or the key of a cell listed under cells, got "fedcba987654" (string)\n',
    );
    const other = openResultsStore(otherDb);
    expect(other.listRuns()).toEqual([]);
    other.close();
  });

  it("refuses a file that is neither a store nor an export", async () => {
    writeFileSync(join(project.folder, "notes.txt"), "hello\n");

    const text = await project.fmops(["import", "notes.txt"]);
    expect(text.exitCode).toBe(2);
    expect(text.stderr).toContain("notes.txt: expected a JSON export");

    writeFileSync(join(project.folder, "b.json"), '{"runs": []}');
    const other = await project.fmops(["import", "b.json"]);
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toContain(
      'b.json: format: expected "fmops-run-export"',
    );

    const missing = await project.fmops(["import", "missing.db"]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("cannot read");
  });
});

/** A store as fmops wrote it at schema version 2, holding one small run. */
function writeVersion2Store(path: string): void {
  const database = new Database(path);
  for (const migration of migrations.filter((step) => step.version <= 2)) {
    database.exec(migration.up);
  }
  database.pragma("user_version = 2");
  database
    .prepare(
      "INSERT INTO runs VALUES ('old-run', 'tiny', '/x/experiment.yaml', " +
        `'{"evaluators":["contains"]}', 'c', 'd', NULL, '0.1.0', ` +
        "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', 'completed', " +
        "NULL, '[]', NULL)",
    )
    .run();
  database
    .prepare(
      "INSERT INTO cases (run_id, cell_key, question_id, question, answer, " +
        "retrieved_chunk_ids_json, retrieved_document_ids_json, " +
        "retrieval_latency_ms, generation_latency_ms, latency_ms, " +
        "input_tokens, output_tokens, cost_usd, error) VALUES ('old-run', " +
        "'cell', 'q1', 'Why?', 'Because.', '[]', '[]', 1, 2, 3, 4, 5, 0, NULL)",
    )
    .run();
  database
    .prepare(
      "INSERT INTO scores VALUES ('old-run', 'cell', 'q1', 'contains', 1)",
    )
    .run();
  database.close();
}
