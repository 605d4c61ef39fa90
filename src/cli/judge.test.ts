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

const API_KEY_ENV = "TEST_JUDGE_KEY";

let project: CliProject;
let judgeServer: RunningFakeServer;
let failingServer: RunningFakeServer;

/**
 * Scripted judge replies, told apart by the user part of each prompt:
 * every claim is supported, correctness finds one TP and one FN, and the
 * fluency rating is unparsable, even when asked again, for the parking
 * question only.
 */
function scriptedReply(message: string): string {
  if (message.startsWith("Passages:")) {
    return JSON.stringify({
      claims: [{ claim: "an answer", supported: true }],
    });
  }
  if (message.includes("Reference answers:")) {
    return JSON.stringify({ TP: ["days"], FP: [], FN: ["a year"] });
  }
  // The parking fluency rating, and the correction asked after it.
  if (message.includes("parking") || message.startsWith("Your reply")) {
    return "Fluent enough, I would say.";
  }
  return JSON.stringify({ score: 4, reason: "reads well" });
}

function writeExperiment(name: string, judgeUrl: string): void {
  project.write({
    [`${name}.yaml`]: `name: ${name}
dataset: { corpus: docs, questions: questions.jsonl }
models:
  reader: { provider: local, model: extractive }
judge:
  provider: openai
  model: gpt-4o-mini
  base_url: ${judgeUrl}/v1
  api_key_env: ${API_KEY_ENV}
matrix:
  chunking: { strategy: none }
  embedder: local:bm25
  top_k: 1
  model: reader
evaluators: [token_f1, faithfulness, judge_fluency, correctness]
retry: { max_attempts: 2, initial_delay_ms: 1, max_delay_ms: 2 }
`,
  });
}

beforeAll(async () => {
  const questions = [
    { id: "leave", question: "How many days of leave?", answers: ["25 days"] },
    { id: "parking", question: "Who issues parking permits?", answers: [] },
  ];
  project = createCliProject({
    "docs/leave.md": "# Leave\n\nEmployees get 25 days of leave a year.\n",
    "docs/parking.md":
      "# Parking\n\nParking permits are issued by the front desk.\n",
    "questions.jsonl": jsonLines(questions),
  });
  judgeServer = await startFakeServer({ reply: scriptedReply });
  failingServer = await startFakeServer({ faultRate: 1, faults: ["500"] });
  writeExperiment("judged", judgeServer.url);
  writeExperiment("judge-down", failingServer.url);
});

afterAll(async () => {
  await judgeServer.close();
  await failingServer.close();
  project.remove();
});

function fmops(...argv: string[]) {
  return withProcessEnv({ [API_KEY_ENV]: "sk-judge-test" }, () =>
    project.fmops(argv),
  );
}

function query<Row>(sql: string, ...parameters: unknown[]): Row[] {
  const database = new Database(project.dbPath, {
    readonly: true,
  });
  try {
    return database.prepare(sql).all(...parameters) as Row[];
  } finally {
    database.close();
  }
}

interface ScoreRow {
  questionId: string;
  metric: string;
  value: number | null;
  reason: string | null;
}

function scoresOf(runId: string): ScoreRow[] {
  return query<ScoreRow>(
    "SELECT question_id AS questionId, metric, value, reason FROM scores " +
      "WHERE run_id = ? AND metric != 'token_f1' ORDER BY question_id, metric",
    runId,
  );
}

describe("fmops bench with a judge on the fake server", () => {
  let runId: string;
  let summary: {
    unscoredCounts: Record<string, number>;
    scoredCounts: Record<string, number>;
    metrics: Record<string, number | null>;
    costUsd: number | null;
    evaluationCostUsd: number | null;
  };

  beforeAll(async () => {
    const result = await fmops("bench", "judged.yaml", "--json");
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    const output = JSON.parse(result.stdout);
    runId = output.run.id;
    summary = output.cells[0];
  }, 60_000);

  it("stores each judge score, and unscored cases with their reason", () => {
    expect(scoresOf(runId)).toEqual([
      // correctness: 1 / (1 + (0 + 1) / 2)
      {
        questionId: "leave",
        metric: "correctness",
        value: 2 / 3,
        reason: null,
      },
      { questionId: "leave", metric: "faithfulness", value: 1, reason: null },
      {
        questionId: "leave",
        metric: "judge_fluency",
        value: 0.75,
        reason: null,
      },
      {
        questionId: "parking",
        metric: "correctness",
        value: null,
        reason: "no reference answer",
      },
      { questionId: "parking", metric: "faithfulness", value: 1, reason: null },
      {
        questionId: "parking",
        metric: "judge_fluency",
        value: null,
        reason: "judge reply was not valid JSON after 2 tries",
      },
    ]);
  });

  it("counts unscored cases apart in the cell summary, never as 0", () => {
    expect(summary.metrics.judge_fluency).toBe(0.75);
    expect(summary.scoredCounts.judge_fluency).toBe(1);
    expect(summary.unscoredCounts).toEqual({
      token_f1: 1,
      faithfulness: 0,
      judge_fluency: 1,
      correctness: 1,
    });
  });

  it("records judge calls as evaluation calls of their case, costed apart", () => {
    const calls = query<{
      questionId: string;
      purpose: string;
      costUsd: number;
    }>(
      "SELECT question_id AS questionId, purpose, cost_usd AS costUsd " +
        "FROM calls WHERE run_id = ? AND provider = 'openai'",
      runId,
    );
    // leave: faithfulness, fluency, correctness; parking: faithfulness and
    // two fluency tries.
    expect(calls).toHaveLength(6);
    expect(new Set(calls.map((call) => call.purpose))).toEqual(
      new Set(["evaluation"]),
    );
    const cases = query<{
      questionId: string;
      costUsd: number;
      evaluationCostUsd: number;
      evaluationInputTokens: number;
    }>(
      "SELECT question_id AS questionId, cost_usd AS costUsd, " +
        "evaluation_cost_usd AS evaluationCostUsd, " +
        "evaluation_input_tokens AS evaluationInputTokens " +
        "FROM cases WHERE run_id = ? ORDER BY question_id",
      runId,
    );
    for (const record of cases) {
      const spent = calls
        .filter((call) => call.questionId === record.questionId)
        .reduce((total, call) => total + call.costUsd, 0);
      expect(record.evaluationCostUsd).toBeGreaterThan(0);
      expect(record.evaluationCostUsd).toBeCloseTo(spent, 12);
      expect(record.evaluationInputTokens).toBeGreaterThan(0);
      // The extractive reader is free; judging is not the system's cost.
      expect(record.costUsd).toBe(0);
    }
    expect(summary.costUsd).toBe(0);
    expect(summary.evaluationCostUsd).toBeCloseTo(
      cases.reduce((total, record) => total + record.evaluationCostUsd, 0),
      12,
    );
  });

  it("makes no judge call when the identical run is repeated", async () => {
    const requestsBefore = judgeServer.stats.requests;
    const second = await fmops("bench", "judged.yaml", "--json");
    expect(second.exitCode).toBe(0);
    expect(judgeServer.stats.requests).toBe(requestsBefore);
    expect(scoresOf(JSON.parse(second.stdout).run.id)).toEqual(scoresOf(runId));
  }, 60_000);

  it("shows which metrics left cases unscored, and why", async () => {
    const shown = await fmops("show", runId);
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toContain(
      "judge_fluency: 1 of 2 cases unscored (judge reply was not valid " +
        "JSON after 2 tries)",
    );
    expect(shown.stdout).toContain(
      "correctness: 1 of 2 cases unscored (no reference answer)",
    );
  });
});

describe("fmops bench with a judge that keeps failing", () => {
  it("stores the judge metrics unscored after the retries, and the run completes", async () => {
    const result = await fmops("bench", "judge-down.yaml", "--json");
    expect(result.exitCode).toBe(0);
    const runId = JSON.parse(result.stdout).run.id;
    const scores = scoresOf(runId).filter(
      (score) => score.metric === "faithfulness",
    );
    expect(scores).toEqual([
      expect.objectContaining({ value: null, reason: expect.any(String) }),
      expect.objectContaining({ value: null, reason: expect.any(String) }),
    ]);
    expect(scores[0]?.reason).toMatch(/^judge call failed: .*500/);
    const attempts = query<{ attempt: number; status: string }>(
      "SELECT attempt, status FROM calls WHERE run_id = ? AND " +
        "purpose = 'evaluation' AND question_id = 'leave'",
      runId,
    );
    // Three judge metrics, two tries each, every one failed.
    expect(attempts).toHaveLength(6);
    expect(attempts.every((call) => call.status === "error")).toBe(true);
    const cases = query<{ error: string | null; tokenF1: number }>(
      "SELECT c.error, s.value AS tokenF1 FROM cases c JOIN scores s USING " +
        "(run_id, cell_key, question_id) WHERE c.run_id = ? AND " +
        "s.metric = 'token_f1' AND c.question_id = 'leave'",
      runId,
    );
    // The case itself stands: its other metrics are scored.
    expect(cases).toEqual([{ error: null, tokenF1: expect.any(Number) }]);
  }, 60_000);
});
