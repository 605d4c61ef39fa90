import { describe, expect, it } from "vitest";
import type { CellParams } from "../../spec/experiment.js";
import type { CaseRecord, CellSummary } from "../../spec/records.js";
import { renderTradeOffs } from "./render-trade-offs.js";

function params(topK: number): CellParams {
  return {
    chunking: { strategy: "none", size: 0, overlap: 0, unit: "characters" },
    embedder: "local:bm25",
    topK,
    retrieval: "dense",
    model: null,
    prompt: null,
  };
}

function summary(
  key: string,
  topK: number,
  recall: number,
  p50: number,
): CellSummary {
  return {
    cellKey: key,
    label: `k${topK}`,
    params: params(topK),
    caseCount: 2,
    errorCount: 0,
    metrics: { recall: recall },
    scoredCounts: { recall: 2 },
    unscoredCounts: { recall: 0 },
    intervals: { recall: null },
    // Tails that would rank the cells otherwise: the front reads p50.
    latencyMs: { p50, p95: 100 - p50, p99: 100 - p50 },
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    evaluationCostUsd: 0,
  };
}

function scored(
  cellKey: string,
  questionId: string,
  recall: number,
): CaseRecord {
  return {
    runId: "run",
    cellKey,
    questionId,
    question: "?",
    answer: null,
    retrievedChunkIds: [],
    retrievedDocumentIds: [],
    retrievalLatencyMs: 1,
    generationLatencyMs: null,
    latencyMs: 1,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    error: null,
    isCached: false,
    scores: { recall },
    unscoredReasons: {},
    evaluationInputTokens: 0,
    evaluationOutputTokens: 0,
    evaluationCostUsd: 0,
  };
}

describe("renderTradeOffs", () => {
  // k1 is fastest, k5 scores best, k3 is beaten by k5 on both counts.
  const cells = [
    summary("a", 1, 0.5, 10),
    summary("b", 3, 0.6, 30),
    summary("c", 5, 0.9, 20),
  ];
  const cases = [
    scored("a", "q1", 0),
    scored("a", "q2", 1),
    scored("b", "q1", 1),
    scored("b", "q2", 0),
    scored("c", "q1", 1),
    scored("c", "q2", 1),
  ];
  const text = renderTradeOffs(cells, cases, "recall");

  it("lists the cells no other beats on score and latency", () => {
    expect(text).toContain(
      "Best trade-offs of recall against p50 latency (no cell does better on both):\n" +
        "  0.500 at 10.0 ms  k1\n" +
        "  0.900 at 20.0 ms  k5\n",
    );
  });

  it("keeps only the best score when every cell costs the same", () => {
    expect(text).toContain(
      "against cost (no cell does better on both):\n  0.900 at $0  k5\n",
    );
  });

  it("gives the mean of each level of the varying axis", () => {
    // Each level's cases: k1 [0, 1] → 0.5; k3 [1, 0] → 0.5; k5 [1, 1] → 1.
    expect(text).toMatch(/top_k +1 +0\.500 \[/);
    expect(text).toMatch(/top_k +3 +0\.500 \[/);
    expect(text).toMatch(/top_k +5 +1\.000 \[1\.000, 1\.000\]/);
  });
});
