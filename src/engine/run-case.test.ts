import { describe, expect, it } from "vitest";
import type { ChatModel } from "../spec/chat-model.js";
import type { Evaluator } from "../spec/evaluator.js";
import type { Cell } from "../spec/experiment.js";
import { EvaluationToolbox } from "./evaluation-tools.js";
import { type CaseDependencies, runCase } from "./run-case.js";

const CELL: Cell = {
  key: "cell-1",
  label: "none · bm25 · k1",
  params: {
    chunking: { strategy: "none", size: 0, overlap: 0, unit: "characters" },
    embedder: null,
    topK: 1,
    retrieval: "bm25",
    model: null,
    prompt: null,
  },
};

const QUESTION = { id: "q1", question: "A?", answers: ["a"], relevant: {} };

/** A judge that answers "ok" and bills 10 + 2 tokens at $0.001. */
const JUDGE: ChatModel = {
  provider: "test",
  modelId: "judge",
  generate: async (request) => ({
    text: `ok ${request.attribution?.purpose}`,
    usage: { inputTokens: 10, outputTokens: 2 },
    latencyMs: 1,
    timeToFirstTokenMs: null,
    finishReason: "stop",
    costUsd: 0.001,
  }),
};

function dependencies(evaluators: Evaluator[]): CaseDependencies {
  const toolbox = new EvaluationToolbox({
    judge: {
      spec: { alias: "judge", provider: "test", model: "judge" },
      create: async () => JUDGE,
    },
    createEmbedder: () => Promise.reject(new Error("no embedder")),
  });
  return {
    runId: "run-1",
    retrieve: async () => ({ hits: [], latencyMs: 1 }),
    chatModelFor: async () => null,
    evaluators,
    evaluationToolsFor: (cell, question) =>
      toolbox.forCase(cell.key, question.id),
  };
}

describe("runCase scoring", () => {
  it("runs a case's evaluators concurrently", async () => {
    let releaseFirst = () => {};
    const firstMayEnd = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    // The first waits for the second to start: in sequence it never would.
    const first: Evaluator = {
      name: "first",
      needs: "retrieval",
      evaluate: async () => {
        await firstMayEnd;
        return 1;
      },
    };
    const second: Evaluator = {
      name: "second",
      needs: "retrieval",
      evaluate: () => {
        releaseFirst();
        return 0.5;
      },
    };
    const record = await runCase(dependencies([first, second]), CELL, QUESTION);
    expect(record.scores).toEqual({ first: 1, second: 0.5 });
  });

  it("keeps unscored reasons, and stores a NaN as unscored", async () => {
    const evaluators: Evaluator[] = [
      {
        name: "judged",
        needs: "retrieval",
        evaluate: () => ({ score: null, reason: "no reference answer" }),
      },
      { name: "broken", needs: "retrieval", evaluate: () => Number.NaN },
      { name: "absent", needs: "answer", evaluate: () => 1 },
    ];
    const record = await runCase(dependencies(evaluators), CELL, QUESTION);
    expect(record.scores).toEqual({ judged: null, broken: null, absent: null });
    expect(record.unscoredReasons).toEqual({
      judged: "no reference answer",
      broken: "the evaluator gave NaN",
    });
  });

  it("adds judge usage to the case's evaluation figures, not its own", async () => {
    const judging: Evaluator = {
      name: "judged",
      needs: "retrieval",
      evaluate: async (input) => {
        const reply = await input.tools.judge?.generate({
          messages: [{ role: "user", content: "grade" }],
          question: input.question.question,
          passages: [],
        });
        return reply?.text === "ok evaluation" ? 1 : 0;
      },
    };
    const record = await runCase(
      dependencies([judging, { ...judging, name: "again" }]),
      CELL,
      QUESTION,
    );
    expect(record.scores).toEqual({ judged: 1, again: 1 });
    expect(record).toMatchObject({
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      evaluationInputTokens: 20,
      evaluationOutputTokens: 4,
      evaluationCostUsd: 0.002,
    });
  });
});

describe("runCase failures", () => {
  it("keeps the answer, tokens, cost and latency of a case that fails in scoring", async () => {
    const cell: Cell = {
      ...CELL,
      params: {
        ...CELL.params,
        model: { alias: "judge", provider: "test", model: "judge" },
        prompt: { id: "p", template: "{{question}}", contentHash: "h" },
      },
    };
    const failing: Evaluator = {
      name: "broken",
      needs: "answer",
      evaluate: () => {
        throw new Error("evaluator crashed");
      },
    };
    const record = await runCase(
      { ...dependencies([failing]), chatModelFor: async () => JUDGE },
      cell,
      QUESTION,
    );
    // The model answered "ok" (its request names no purpose: 10 + 2
    // tokens, $0.001, 1 ms) after a 1 ms
    // retrieval; the paid answer stays on the failed case.
    expect(record).toMatchObject({
      error: "evaluator crashed",
      answer: "ok undefined",
      inputTokens: 10,
      outputTokens: 2,
      costUsd: 0.001,
      retrievalLatencyMs: 1,
      generationLatencyMs: 1,
      latencyMs: 2,
      scores: {},
    });
  });
});
