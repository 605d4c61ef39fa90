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

const SECRET = "sk-test-do-not-store-8c1f27";
const QUESTION_COUNT = 1_000;

let project: CliProject;
let folder: string;
let server: RunningFakeServer;

beforeAll(async () => {
  const questions = Array.from({ length: QUESTION_COUNT }, (_, index) => ({
    id: `q${index}`,
    question: `How many days of leave, case ${index}?`,
    answers: ["25 days"],
    relevant: ["leave"],
  }));
  project = createCliProject({
    "docs/leave.md": "# Leave\n\nEmployees get 25 days of leave.\n",
    "questions.jsonl": jsonLines(questions),
  });
  folder = project.folder;
  // One request in five fails with a 429 (Retry-After 0 s) or a 500; the
  // same seed gives the same faults on every run of this test.
  server = await startFakeServer({
    faultRate: 0.2,
    faults: ["429", "500"],
    retryAfterSeconds: 0,
    seed: 7,
  });
  writeFileSync(
    join(folder, "experiment.yaml"),
    `name: faults
dataset: { corpus: docs, questions: questions.jsonl }
models:
  mini: { provider: openai, model: gpt-4o-mini, base_url: ${server.url}/v1, api_key_env: TEST_OPENAI_KEY }
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: 1
  model: mini
retry: { max_attempts: 3, initial_delay_ms: 1, max_delay_ms: 2 }
evaluators: [recall@1, contains]
concurrency: 32
`,
  );
});

afterAll(async () => {
  await server.close();
  project.remove();
});

function bench(...flags: string[]) {
  return withProcessEnv({ TEST_OPENAI_KEY: SECRET }, () =>
    project.fmops(["bench", "experiment.yaml", "--json", ...flags]),
  );
}

describe("a remote model behind injected faults", () => {
  let first: Awaited<ReturnType<typeof bench>>;

  beforeAll(async () => {
    first = await bench();
  }, 60_000);

  it("scores or records every case, and the calls table shows the retries", () => {
    const database = new Database(join(folder, "results.db"), {
      readonly: true,
    });
    const runId = JSON.parse(first.stdout).run.id;
    const cases = database
      .prepare(
        "SELECT error, (SELECT count(*) FROM scores s WHERE s.run_id = c.run_id AND s.cell_key = c.cell_key AND s.question_id = c.question_id) AS scoreCount FROM cases c WHERE run_id = ?",
      )
      .all(runId) as Array<{ error: string | null; scoreCount: number }>;
    const calls = database
      .prepare(
        "SELECT attempt, status, error_class AS errorClass FROM calls WHERE run_id = ? AND provider = 'openai'",
      )
      .all(runId) as Array<{
      attempt: number;
      status: string;
      errorClass: string | null;
    }>;
    database.close();

    expect(first.exitCode).toBe(0);
    expect(cases).toHaveLength(QUESTION_COUNT);
    for (const record of cases) {
      // A scored case has both scores; a failed one has its error and none.
      expect(record.scoreCount).toBe(record.error === null ? 2 : 0);
    }
    const failedCases = cases.filter((record) => record.error !== null).length;
    const okCalls = calls.filter((call) => call.status === "ok").length;
    const failedCalls = calls.filter((call) => call.status === "error");
    // Each case ends in one successful call, or in three failed tries.
    expect(okCalls).toBe(QUESTION_COUNT - failedCases);
    expect(failedCalls.length).toBeGreaterThan(100);
    expect(new Set(failedCalls.map((call) => call.errorClass))).toEqual(
      new Set(["rate_limit", "server"]),
    );
    expect(Math.max(...calls.map((call) => call.attempt))).toBe(3);
    expect(calls.filter((call) => call.attempt === 1)).toHaveLength(
      QUESTION_COUNT,
    );
  });

  it("makes no provider call when the identical run is repeated", async () => {
    const requestsBefore = server.stats.requests;
    const second = await bench();
    const run = JSON.parse(second.stdout).run;
    const database = new Database(join(folder, "results.db"), {
      readonly: true,
    });
    const { calls } = database
      .prepare("SELECT count(*) AS calls FROM calls WHERE run_id = ?")
      .get(run.id) as { calls: number };
    const { cached } = database
      .prepare("SELECT sum(is_cached) AS cached FROM cases WHERE run_id = ?")
      .get(run.id) as { cached: number };
    database.close();

    // Cases that failed the first time are asked again; none of the others.
    const failedBefore = JSON.parse(first.stdout).run.summary.errorCount;
    expect(server.stats.requests - requestsBefore).toBe(calls);
    expect(cached).toBe(QUESTION_COUNT - failedBefore);
    expect(calls).toBeLessThanOrEqual(failedBefore * 3);
  }, 60_000);

  it("never writes the API key to the results store or the output", () => {
    const bytes = readFileSync(join(folder, "results.db"));
    const walBytes = (() => {
      try {
        return readFileSync(join(folder, "results.db-wal"));
      } catch {
        return Buffer.alloc(0);
      }
    })();

    expect(bytes.includes(SECRET)).toBe(false);
    expect(walBytes.includes(SECRET)).toBe(false);
    expect(first.stdout).not.toContain(SECRET);
    expect(first.stderr).not.toContain(SECRET);
  });
});
