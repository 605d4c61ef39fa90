import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RunningFakeServer,
  startFakeServer,
} from "../fake-server/start-fake-server.js";
import { createSeededRandom } from "../statistics/seeded-random.js";
import {
  binPath,
  type CliProject,
  createCliProject,
  isBuilt,
  jsonLines,
} from "../test-support/cli-project.test-support.js";

// Whole `fmops bench` processes, killed and interrupted, against the fake
// server. They run the built command, so `npm run build` must come first.

const QUESTION_COUNT = 40;
const CELL_COUNT = 2;
const CASE_COUNT = QUESTION_COUNT * CELL_COUNT;

let project: CliProject;
let folder: string;
let server: RunningFakeServer;

beforeAll(async () => {
  const questions = Array.from({ length: QUESTION_COUNT }, (_, index) => ({
    id: `q${index + 1}`,
    question: `How many days of leave, case ${index + 1}?`,
    answers: ["25 days"],
    relevant: ["leave"],
  }));
  project = createCliProject({
    "docs/leave.md": "# Leave\n\nEmployees get 25 days of leave.\n",
    "docs/desk.md": "# Desks\n\nHot desks.\n",
    "questions.jsonl": jsonLines(questions),
  });
  folder = project.folder;
  // 100 ms per call, 4 at a time: a whole run takes about 2 seconds.
  server = await startFakeServer({ latencyMs: 100 });
  writeFileSync(
    join(folder, "experiment.yaml"),
    `name: lifecycle
dataset: { corpus: docs, questions: questions.jsonl }
models:
  mini: { provider: openai, model: gpt-4o-mini, base_url: ${server.url}/v1, max_output_tokens: 16 }
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: [1, 2]
  model: mini
evaluators: [token_f1, contains, recall@1]
concurrency: 4
`,
  );
});

afterAll(async () => {
  await server.close();
  project.remove();
});

interface Child {
  process: ChildProcess;
  /** Resolves with the exit code, or the signal's name. */
  exited: Promise<number | string>;
  /** Resolves once the run has started recording. */
  started: Promise<void>;
}

function startFmops(databaseName: string, ...argv: string[]): Child {
  const child = spawn(process.execPath, [binPath, ...argv], {
    cwd: folder,
    env: {
      ...process.env,
      ...project.env({
        OPENAI_API_KEY: "fake",
        FMOPS_DB: join(folder, databaseName),
      }),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const started = new Promise<void>((resolve) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/^run \S+: lifecycle/m.test(stderr)) resolve();
    });
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? signal ?? -1));
  });
  // A run that ends before starting must not leave the test waiting.
  return {
    process: child,
    exited,
    started: Promise.race([started, exited.then(() => {})]),
  };
}

function sleep(delayMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, delayMs));
}

function openDatabase(databaseName: string): Database.Database {
  return new Database(join(folder, databaseName), { readonly: true });
}

function runStatus(databaseName: string): string | undefined {
  if (!existsSync(join(folder, databaseName))) return undefined;
  const database = openDatabase(databaseName);
  try {
    return database.prepare("SELECT status FROM runs").pluck().get() as
      | string
      | undefined;
  } finally {
    database.close();
  }
}

interface CellFigures {
  caseCount: number;
  errorCount: number;
  metrics: Record<string, number | null>;
  inputTokens: number;
  outputTokens: number;
}

function cellFigures(databaseName: string): Map<string, CellFigures> {
  const database = openDatabase(databaseName);
  try {
    const rows = database
      .prepare("SELECT key, summary_json AS summary FROM cells ORDER BY key")
      .all() as Array<{ key: string; summary: string }>;
    return new Map(
      rows.map(({ key, summary }) => {
        const { caseCount, errorCount, metrics, inputTokens, outputTokens } =
          JSON.parse(summary) as CellFigures;
        return [
          key,
          { caseCount, errorCount, metrics, inputTokens, outputTokens },
        ];
      }),
    );
  } finally {
    database.close();
  }
}

describe.skipIf(!isBuilt)("a run killed and resumed", () => {
  it("ends with one record per case and the aggregates of an uninterrupted run", async () => {
    const reference = startFmops("reference.db", "bench", "experiment.yaml");
    expect(await reference.exited).toBe(0);

    // Five SIGKILLs at seeded random moments, each followed by a resume.
    const random = createSeededRandom(11);
    let argv = ["bench", "experiment.yaml"];
    let kills = 0;
    while (kills < 5 && runStatus("killed.db") !== "completed") {
      const child = startFmops("killed.db", ...argv);
      await child.started;
      await sleep(100 + random() * 500);
      child.process.kill("SIGKILL");
      const ended = await child.exited;
      if (ended === "SIGKILL") kills += 1;
      argv = ["bench", "--resume", "latest"];
    }
    expect(kills).toBe(5);
    const last = startFmops("killed.db", "bench", "--resume", "latest");
    expect(await last.exited).toBe(0);

    const database = openDatabase("killed.db");
    const counts = database
      .prepare(
        "SELECT count(*) AS cases, " +
          "count(DISTINCT cell_key || '/' || question_id) AS distinctCases, " +
          "sum(NOT EXISTS (SELECT 1 FROM scores s WHERE s.run_id = c.run_id " +
          "AND s.cell_key = c.cell_key AND s.question_id = c.question_id)) " +
          "AS withoutScores FROM cases c",
      )
      .get();
    const integrity = database.pragma("integrity_check", { simple: true });
    const runs = database.prepare("SELECT status FROM runs").pluck().all();
    database.close();

    expect(counts).toEqual({
      cases: CASE_COUNT,
      distinctCases: CASE_COUNT,
      withoutScores: 0,
    });
    expect(integrity).toBe("ok");
    expect(runs).toEqual(["completed"]);
    expect(cellFigures("killed.db")).toEqual(cellFigures("reference.db"));
  }, 120_000);
});

describe.skipIf(!isBuilt)("Ctrl-C", () => {
  it("stops after the cases in flight with exit 130 and keeps them", async () => {
    const child = startFmops("interrupted.db", "bench", "experiment.yaml");
    await child.started;
    await sleep(600);
    child.process.kill("SIGINT");

    expect(await child.exited).toBe(130);
    const database = openDatabase("interrupted.db");
    const run = database
      .prepare("SELECT status, status_reason AS reason FROM runs")
      .get();
    const caseCount = database
      .prepare("SELECT count(*) FROM cases")
      .pluck()
      .get() as number;
    database.close();
    expect(run).toEqual({
      status: "interrupted",
      reason: "stopped by the user",
    });
    expect(caseCount).toBeGreaterThan(0);
    expect(caseCount).toBeLessThan(CASE_COUNT);

    const resumed = startFmops("interrupted.db", "bench", "--resume", "latest");
    expect(await resumed.exited).toBe(0);
    expect(runStatus("interrupted.db")).toBe("completed");
  }, 60_000);

  it("stops an index build before its next embedding call", async () => {
    // 40 documents embedded one per call at 100 ms: a 4-second build.
    const files: Record<string, string> = {
      "many-questions.jsonl": jsonLines([
        { id: "q1", question: "Text number 1?", relevant: ["doc1"] },
      ]),
    };
    for (let index = 0; index < 40; index += 1) {
      files[`many/doc${index}.md`] =
        `# Doc ${index}\n\nText number ${index}.\n`;
    }
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), text);
    }
    writeFileSync(
      join(folder, "indexing.yaml"),
      `name: lifecycle-indexing
dataset: { corpus: many, questions: many-questions.jsonl }
embedders:
  openai:text-embedding-3-small: { base_url: ${server.url}/v1, batch_size: 1 }
matrix:
  chunking: { strategy: none }
  embedder: openai:text-embedding-3-small
  top_k: 1
evaluators: [recall@1]
`,
    );
    const child = startFmops("indexing.db", "bench", "indexing.yaml");
    await child.started;
    await sleep(500);
    child.process.kill("SIGINT");

    expect(await child.exited).toBe(130);
    expect(runStatus("indexing.db")).toBe("interrupted");
    const database = openDatabase("indexing.db");
    const embeddingCalls = database
      .prepare("SELECT count(*) FROM calls WHERE kind = 'embedding'")
      .pluck()
      .get() as number;
    database.close();
    // About 5 calls by the Ctrl-C, one more in flight; never all 40.
    expect(embeddingCalls).toBeGreaterThan(0);
    expect(embeddingCalls).toBeLessThan(20);
  }, 60_000);

  it("exits at once on a second Ctrl-C", async () => {
    const child = startFmops("twice.db", "bench", "experiment.yaml");
    await child.started;
    await sleep(300);
    child.process.kill("SIGINT");
    await sleep(20);
    child.process.kill("SIGINT");

    expect(await child.exited).toBe(130);
    // The process left before it could end the run; a resume finishes it.
    const resumed = startFmops("twice.db", "bench", "--resume", "latest");
    expect(await resumed.exited).toBe(0);
  }, 60_000);
});
