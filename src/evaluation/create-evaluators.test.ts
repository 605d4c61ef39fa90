import { describe, expect, it } from "vitest";
import { FmopsError } from "../errors/index.js";
import type { EvaluationCase } from "../spec/index.js";
import { createEvaluators } from "./create-evaluators.js";
import { NO_EVALUATION_TOOLS } from "./evaluation-tools.test-support.js";

function makeCase(answer: string | null): EvaluationCase {
  return {
    cellKey: "cell-1",
    question: {
      id: "q1",
      question: "Who settled Normandy?",
      answers: ["Normans"],
      relevant: { a: 3, b: 2, c: 1 },
    },
    answer,
    hits: [],
    retrievedDocumentIds: ["c", "x", "a"],
    tools: NO_EVALUATION_TOOLS,
  };
}

function scoreAll(names: string[], input: EvaluationCase) {
  return createEvaluators(names).map((evaluator) => evaluator.evaluate(input));
}

describe("createEvaluators", () => {
  it("keeps the names and order and says what each metric needs", () => {
    const evaluators = createEvaluators(["token_f1", "ndcg@10", "contains"]);
    expect(evaluators.map((evaluator) => evaluator.name)).toEqual([
      "token_f1",
      "ndcg@10",
      "contains",
    ]);
    expect(evaluators.map((evaluator) => evaluator.needs)).toEqual([
      "answer",
      "retrieval",
      "answer",
    ]);
  });

  it("scores answers against the gold answers", () => {
    const scores = scoreAll(
      ["exact_match", "token_f1", "contains"],
      makeCase("the Normans"),
    );
    expect(scores).toEqual([1, 1, 1]);
  });

  it("scores retrieval at each metric's own cut-off", () => {
    // [c, x, a] with a relevant set of 3: recall@1 = 1/3, recall@3 = 2/3,
    // precision@2 = 1/2, mrr@5 = 1, ndcg@3 = 2.5 / 4.76186 (see
    // retrieval-metrics.test.ts).
    const scores = scoreAll(
      ["recall@1", "recall@3", "precision@2", "mrr@5", "ndcg@3"],
      makeCase(null),
    );
    expect(scores[0]).toBeCloseTo(1 / 3, 10);
    expect(scores[1]).toBeCloseTo(2 / 3, 10);
    expect(scores[2]).toBe(0.5);
    expect(scores[3]).toBe(1);
    expect(scores[4]).toBeCloseTo(0.525005, 6);
  });

  it("leaves answer metrics unscored when the cell generated no answer", () => {
    const scores = scoreAll(["exact_match", "recall@3"], makeCase(null));
    expect(scores[0]).toBeNull();
    expect(scores[1]).toBeCloseTo(2 / 3, 10);
  });

  it("rejects a name that is not a metric", () => {
    for (const name of ["bleu", "ndcg@0", "ndcg", "exact_match@3"]) {
      expect(() => createEvaluators([name])).toThrow(FmopsError);
    }
    expect(() => createEvaluators(["bleu"])).toThrow(
      /unknown metric "bleu"; expected exact_match/,
    );
  });

  it("reports the USAGE code", () => {
    try {
      createEvaluators(["bleu"]);
      expect.unreachable("createEvaluators accepted an unknown metric");
    } catch (error) {
      expect((error as FmopsError).code).toBe("USAGE");
    }
  });
});
