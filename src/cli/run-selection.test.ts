import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RunningFakeServer,
  startFakeServer,
} from "../fake-server/start-fake-server.js";
import {
  type CliProject,
  createCliProject,
  jsonLines,
  withProcessEnv,
} from "../test-support/cli-project.test-support.js";

const QUESTION_COUNT = 20;

let project: CliProject;
let folder: string;
let server: RunningFakeServer;
let databaseIndex = 0;

// Every question is the one token "leave" and the prompt is the question
// alone, so each chat call bills exactly 1 input token; the fake server
// answers 16 tokens. At $1,000 per million tokens a call costs
// 17 × $0.001 = $0.017, and the 20 cases of a cell $0.34.
beforeAll(async () => {
  const questions = Array.from({ length: QUESTION_COUNT }, (_, index) => ({
    id: `q${index + 1}`,
    question: "leave",
    answers: ["25 days"],
    relevant: ["leave"],
  }));
  project = createCliProject({
    "docs/leave.md": "# Leave\n\n25 days.\n",
    "docs/desk.md": "# Desks\n\nHot desks.\n",
    "question.md": "{{question}}\n",
    "questions.jsonl": jsonLines(questions),
  });
  folder = project.folder;
  server = await startFakeServer({ outputTokens: 16 });
  writeFileSync(
    join(folder, "experiment.yaml"),
    `name: selection
dataset: { corpus: docs, questions: questions.jsonl }
models:
  mini: { provider: openai, model: gpt-4o-mini, base_url: ${server.url}/v1, max_output_tokens: 16, temperature: 0 }
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: [1, 2]
  model: mini
  prompt: question.md
prices:
  openai:gpt-4o-mini: { input: 1000, output: 1000 }
evaluators: [contains, recall@1]
concurrency: 4
`,
  );
});

afterAll(async () => {
  await server.close();
  project.remove();
});

function newDatabase(): string {
  databaseIndex += 1;
  return join(folder, `results-${databaseIndex}.db`);
}

/** Providers read the key from the process; the CLI's env is given too. */
function fmops(databasePath: string, ...argv: string[]) {
  const key = { OPENAI_API_KEY: "fake" };
  return withProcessEnv(key, () =>
    project.fmops(argv, { FMOPS_DB: databasePath, ...key }),
  );
}

async function benchJson(databasePath: string, ...flags: string[]) {
  const result = await fmops(
    databasePath,
    "bench",
    "experiment.yaml",
    "--json",
    ...flags,
  );
  return {
    ...result,
    json: result.stdout === "" ? null : JSON.parse(result.stdout),
  };
}

function queryAll(databasePath: string, sql: string): unknown[] {
  const database = new Database(databasePath, { readonly: true });
  try {
    return database.prepare(sql).all();
  } finally {
    database.close();
  }
}

describe("--max-cost", () => {
  it("stops at the budget, keeps what it spent under it, and resumes with more", async () => {
    const databasePath = newDatabase();
    // 10 calls fit in $0.175 (10 × $0.017 = $0.170); an 11th would not.
    const stopped = await benchJson(
      databasePath,
      "--filter",
      "top_k=1",
      "--max-cost",
      "0.175",
      "--no-cache",
    );

    expect(stopped.exitCode).toBe(4);
    expect(stopped.json.run.status).toBe("stopped");
    expect(stopped.json.run.statusReason).toBe(
      "budget of $0.175 reached ($0.17 spent)",
    );
    expect(stopped.json.run.summary.caseCount).toBe(10);
    expect(stopped.json.run.summary.costUsd).toBeCloseTo(0.17, 10);
    // Refused cases are not run, so none is recorded as failed.
    expect(stopped.json.run.summary.errorCount).toBe(0);

    const resumed = await fmops(
      databasePath,
      "bench",
      "--resume",
      "latest",
      "--max-cost",
      "1",
      "--json",
      "--no-cache",
    );
    const run = JSON.parse(resumed.stdout).run;
    expect(resumed.exitCode).toBe(0);
    expect(run.status).toBe("completed");
    expect(run.summary.caseCount).toBe(20);
    expect(run.summary.costUsd).toBeCloseTo(0.34, 10);
    expect(
      queryAll(
        databasePath,
        "SELECT count(*) AS n FROM calls WHERE kind = 'chat'",
      ),
    ).toEqual([{ n: 20 }]);
  });

  it("keeps --no-cache when the run is resumed without it", async () => {
    const databasePath = newDatabase();
    // A first run leaves every answer of the cell in the response cache.
    await benchJson(databasePath, "--filter", "top_k=1");
    const stopped = await benchJson(
      databasePath,
      "--filter",
      "top_k=1",
      "--no-cache",
      "--max-cost",
      "0.175",
    );
    expect(stopped.exitCode).toBe(4);
    const runId = stopped.json.run.id;

    const resumed = await fmops(
      databasePath,
      "bench",
      "--resume",
      runId,
      "--max-cost",
      "1",
      "--json",
    );

    expect(resumed.exitCode).toBe(0);
    expect(
      queryAll(
        databasePath,
        `SELECT count(*) AS cases, sum(is_cached) AS cached FROM cases WHERE run_id = '${runId}'`,
      ),
    ).toEqual([{ cases: 20, cached: 0 }]);
  });

  it("reads budget: from the experiment file", async () => {
    const databasePath = newDatabase();
    writeFileSync(
      join(folder, "budgeted.yaml"),
      `${readFileSync(join(folder, "experiment.yaml"), "utf8")}budget: { max_cost_usd: 0.05 }\n`,
    );
    const result = await fmops(
      databasePath,
      "bench",
      "budgeted.yaml",
      "--json",
      "--no-cache",
    );
    // Two calls ($0.034) fit in $0.05; a third would make $0.051.
    expect(result.exitCode).toBe(4);
    expect(JSON.parse(result.stdout).run.summary.caseCount).toBe(2);
  });
});

describe("--sample, --filter and --repeat", () => {
  it("samples the same seeded questions for every cell", async () => {
    const first = await benchJson(
      newDatabase(),
      "--sample",
      "5",
      "--seed",
      "3",
    );
    const databasePath = newDatabase();
    const second = await benchJson(
      databasePath,
      "--sample",
      "5",
      "--seed",
      "3",
    );

    expect(first.exitCode).toBe(0);
    expect(second.json.run.summary.caseCount).toBe(10);
    const rows = queryAll(
      databasePath,
      "SELECT cell_key AS cell, group_concat(question_id) AS ids FROM " +
        "(SELECT * FROM cases ORDER BY question_id) GROUP BY cell_key",
    ) as Array<{ cell: string; ids: string }>;
    expect(rows).toHaveLength(2);
    expect(rows[0]?.ids).toBe(rows[1]?.ids);
    expect(rows[0]?.ids.split(",")).toHaveLength(5);
    const [{ config }] = queryAll(
      databasePath,
      "SELECT config_json AS config FROM runs",
    ) as [{ config: string }];
    expect(JSON.parse(config).selection).toEqual({
      sampleSize: 5,
      seed: 3,
      repeat: 1,
      filters: [],
    });

    const beyond = await benchJson(newDatabase(), "--sample", "50");
    expect(beyond.json.run.summary.caseCount).toBe(2 * QUESTION_COUNT);
    expect(beyond.json.run.warnings).toContain(
      "--sample 50: the data set has 20 questions; every one is asked",
    );
  });

  it("keeps only the cells a filter names, and refuses bad selection flags with exit 2", async () => {
    const filtered = await benchJson(newDatabase(), "--filter", "top_k=2");
    expect(
      filtered.json.cells.map(
        (cell: { params: { topK: number } }) => cell.params.topK,
      ),
    ).toEqual([2]);
    expect(filtered.json.run.summary.caseCount).toBe(QUESTION_COUNT);

    const unknownKey = await fmops(
      newDatabase(),
      "bench",
      "experiment.yaml",
      "--filter",
      "colour=red",
    );
    expect(unknownKey.exitCode).toBe(2);
    expect(unknownKey.stderr).toContain(
      'unknown key "colour"; expected one of chunking.strategy, chunking.size',
    );

    const seedAlone = await fmops(
      newDatabase(),
      "bench",
      "experiment.yaml",
      "--seed",
      "7",
    );
    expect(seedAlone.exitCode).toBe(2);
    expect(seedAlone.stderr).toContain("give --sample N with it");

    // A typo beside a value that matches is refused, not ignored.
    const typo = await fmops(
      newDatabase(),
      "bench",
      "experiment.yaml",
      "--filter",
      "top_k=1",
      "--filter",
      "top_k=9",
    );
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain(
      '--filter top_k=9: no cell has top_k "9"; the cells have 1, 2',
    );
  });

  it("asks the model again for every repeat and shows the spread", async () => {
    const databasePath = newDatabase();
    const flags = ["--sample", "2", "--repeat", "3", "--filter", "top_k=1"];
    const first = await benchJson(databasePath, ...flags);
    const second = await benchJson(databasePath, ...flags);

    // 1 cell × 2 questions × 3 repeats, twice: 12 cases, 12 model calls.
    expect(first.json.run.summary.caseCount).toBe(6);
    expect(second.json.run.summary.caseCount).toBe(6);
    expect(
      queryAll(
        databasePath,
        "SELECT count(*) AS calls, sum(is_cached) AS cached FROM cases",
      ),
    ).toEqual([{ calls: 12, cached: 0 }]);
    expect(
      queryAll(
        databasePath,
        "SELECT count(*) AS n FROM calls WHERE kind = 'chat'",
      ),
    ).toEqual([{ n: 12 }]);
    const ids = queryAll(
      databasePath,
      `SELECT question_id AS id FROM cases WHERE run_id = '${second.json.run.id}' ORDER BY id`,
    ).map((row) => (row as { id: string }).id);
    expect(ids.filter((id) => id.endsWith("#3"))).toHaveLength(2);

    const shown = await fmops(databasePath, "show", second.json.run.id);
    // The fake server answers a prompt the same way every time.
    expect(shown.stdout).toContain("Spread across 3 repeats");
    expect(shown.stdout).toMatch(/sd 0\.000, answer changed on 0\/2/);
  });

  it("refuses selection flags on a resumed run", async () => {
    const result = await fmops(
      newDatabase(),
      "bench",
      "--resume",
      "latest",
      "--sample",
      "3",
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("--sample cannot change a resumed run");
  });
});
