import { describe, expect, it } from "vitest";
import type { CaseRecord, CellParams } from "../spec/index.js";
import { summarizeCell } from "./summarize-cell.js";

const PARAMS: CellParams = {
  chunking: { strategy: "none", size: 0, overlap: 0, unit: "tokens" },
  embedder: null,
  topK: 5,
  retrieval: "bm25",
  model: null,
  prompt: null,
};

const CELL = { key: "cell-1", label: "none · bm25 · k5", params: PARAMS };

const METRICS = ["token_f1", "recall@5", "ndcg@10"];

function makeCase(overrides: Partial<CaseRecord>): CaseRecord {
  return {
    runId: "run-1",
    cellKey: CELL.key,
    questionId: "q",
    question: "?",
    answer: "answer",
    retrievedChunkIds: [],
    retrievedDocumentIds: [],
    retrievalLatencyMs: 0,
    generationLatencyMs: null,
    latencyMs: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    error: null,
    isCached: false,
    scores: {},
    unscoredReasons: {},
    evaluationInputTokens: 0,
    evaluationOutputTokens: 0,
    evaluationCostUsd: 0,
    ...overrides,
  };
}

const CASES: CaseRecord[] = [
  makeCase({
    questionId: "q1",
    scores: { token_f1: 1, "recall@5": 0.5 },
    latencyMs: 100,
    inputTokens: 10,
    outputTokens: 2,
    costUsd: 0.01,
  }),
  makeCase({
    questionId: "q2",
    scores: { token_f1: 0.5, "recall@5": null },
    latencyMs: 200,
    inputTokens: 20,
    outputTokens: 3,
    costUsd: 0.02,
  }),
  // A failed case: its leftover score must not reach the mean.
  makeCase({
    questionId: "q3",
    answer: null,
    error: "request timed out",
    scores: { token_f1: 0 },
    latencyMs: 400,
    inputTokens: 5,
    costUsd: 0.005,
  }),
  makeCase({
    questionId: "q4",
    scores: { token_f1: 0, "recall@5": 1 },
    latencyMs: 300,
    inputTokens: 15,
    outputTokens: 1,
  }),
];

describe("summarizeCell", () => {
  const summary = summarizeCell(CELL, CASES, METRICS);

  it("carries the cell's identity and counts", () => {
    expect(summary.cellKey).toBe("cell-1");
    expect(summary.label).toBe("none · bm25 · k5");
    expect(summary.params).toEqual(PARAMS);
    expect(summary.caseCount).toBe(4);
    expect(summary.errorCount).toBe(1);
  });

  it("averages each metric over the cases that scored it", () => {
    // token_f1 over the three successful cases: (1 + 0.5 + 0) / 3 = 0.5.
    // recall@5 over the two non-null scores: (0.5 + 1) / 2 = 0.75.
    expect(summary.metrics).toEqual({
      token_f1: 0.5,
      "recall@5": 0.75,
      "ndcg@10": null,
    });
    expect(summary.scoredCounts).toEqual({
      token_f1: 3,
      "recall@5": 2,
      "ndcg@10": 0,
    });
  });

  it("gives each mean a reproducible 95% interval, none when nothing was scored", () => {
    // recall@5 resamples the scores 0.5 and 1: every bootstrap mean lies in
    // [0.5, 1], and the interval holds the mean 0.75.
    const recall = summary.intervals["recall@5"];
    expect(recall?.low).toBeGreaterThanOrEqual(0.5);
    expect(recall?.low).toBeLessThanOrEqual(0.75);
    expect(recall?.high).toBeGreaterThanOrEqual(0.75);
    expect(recall?.high).toBeLessThanOrEqual(1);
    expect(summary.intervals["ndcg@10"]).toBeNull();
    expect(summarizeCell(CELL, CASES, METRICS).intervals).toEqual(
      summary.intervals,
    );
  });

  it("takes latency percentiles over every case, failed ones included", () => {
    // Sorted [100, 200, 300, 400]: ranks 1.5, 2.85, 2.97.
    expect(summary.latencyMs.p50).toBe(250);
    expect(summary.latencyMs.p95).toBeCloseTo(385, 10);
    expect(summary.latencyMs.p99).toBeCloseTo(397, 10);
  });

  it("sums tokens and cost over every case", () => {
    expect(summary.inputTokens).toBe(50);
    expect(summary.outputTokens).toBe(6);
    expect(summary.costUsd).toBeCloseTo(0.035, 10);
  });

  it("reports the cost as unknown when one case's cost is unknown", () => {
    const cases = [...CASES, makeCase({ costUsd: null })];
    expect(summarizeCell(CELL, cases, METRICS).costUsd).toBeNull();
  });

  it("counts a repeated question once in its mean and interval", () => {
    // Ten questions, each asked three times with the same score: the
    // summary is that of the ten questions asked once.
    const once = Array.from({ length: 10 }, (_, index) =>
      makeCase({ questionId: `q${index}`, scores: { token_f1: index / 9 } }),
    );
    const thrice = once.flatMap((record) => [
      record,
      { ...record, questionId: `${record.questionId}#2` },
      { ...record, questionId: `${record.questionId}#3` },
    ]);
    const repeated = summarizeCell(CELL, thrice, ["token_f1"]);
    const single = summarizeCell(CELL, once, ["token_f1"]);

    expect(repeated.metrics).toEqual(single.metrics);
    expect(repeated.intervals).toEqual(single.intervals);
    expect(repeated.scoredCounts).toEqual({ token_f1: 30 });
  });

  it("summarises a cell without cases", () => {
    const empty = summarizeCell(CELL, [], ["token_f1"]);
    expect(empty.caseCount).toBe(0);
    expect(empty.metrics).toEqual({ token_f1: null });
    expect(empty.scoredCounts).toEqual({ token_f1: 0 });
    expect(empty.latencyMs).toEqual({ p50: 0, p95: 0, p99: 0 });
    expect(empty.costUsd).toBe(0);
  });
});
