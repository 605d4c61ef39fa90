import { describe, expect, it } from "vitest";
import type { CaseRecord } from "../spec/records.js";
import { compareCells } from "./compare-cells.js";

function scored(
  questionId: string,
  scores: Record<string, number | null>,
  error: string | null = null,
): CaseRecord {
  return {
    runId: "run",
    cellKey: "cell",
    questionId,
    question: "?",
    answer: "",
    retrievedChunkIds: [],
    retrievedDocumentIds: [],
    retrievalLatencyMs: 0,
    generationLatencyMs: null,
    latencyMs: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    error,
    isCached: false,
    scores,
    unscoredReasons: {},
    evaluationInputTokens: 0,
    evaluationOutputTokens: 0,
    evaluationCostUsd: 0,
  };
}

describe("compareCells", () => {
  it("pairs a repeated question once, with the mean of its repeats", () => {
    // q1 is asked twice on each side: A scores 1 and 0, B 1 and 1.
    const a = [
      scored("q1", { f1: 1 }),
      scored("q1#2", { f1: 0 }),
      scored("q2", { f1: 0.5 }),
    ];
    const b = [
      scored("q1", { f1: 1 }),
      scored("q1#2", { f1: 1 }),
      scored("q2", { f1: 0.5 }),
    ];
    const [f1] = compareCells(a, b, ["f1"]);
    // Pairs (0.5, 1) and (0.5, 0.5): means 0.5 and 0.75.
    expect(f1).toMatchObject({
      pairCount: 2,
      meanA: 0.5,
      meanB: 0.75,
      difference: 0.25,
    });
  });

  it("pairs questions by id, leaving out failed and unscored ones", () => {
    const a = [
      scored("q1", { f1: 0.2 }),
      scored("q2", { f1: 0.4 }),
      scored("q3", { f1: 0.9 }),
      scored("q4", { f1: 1 }, "timeout"),
    ];
    // Listed in another order; q3 unscored, q4 fine here but failed in A.
    const b = [
      scored("q2", { f1: 0.6 }),
      scored("q4", { f1: 0 }),
      scored("q1", { f1: 0.6 }),
      scored("q3", { f1: null }),
    ];
    const [f1] = compareCells(a, b, ["f1"]);

    // Pairs: q1 (0.2 → 0.6) and q2 (0.4 → 0.6): means 0.3 and 0.6,
    // differences 0.4 and 0.2, mean difference 0.3.
    expect(f1?.pairCount).toBe(2);
    expect(f1?.meanA).toBeCloseTo(0.3, 10);
    expect(f1?.meanB).toBeCloseTo(0.6, 10);
    expect(f1?.difference).toBeCloseTo(0.3, 10);
    // The bootstrap can only draw the differences 0.2 and 0.4.
    expect(f1?.low).toBeGreaterThanOrEqual(0.2 - 1e-12);
    expect(f1?.high).toBeLessThanOrEqual(0.4 + 1e-12);
  });

  it("leaves out a metric that no question scored in both", () => {
    const a = [scored("q1", { f1: 1, "ndcg@10": null })];
    const b = [scored("q1", { f1: 1, "ndcg@10": 0.5 })];

    expect(compareCells(a, b, ["f1", "ndcg@10"]).map((m) => m.metric)).toEqual([
      "f1",
    ]);
  });
});
