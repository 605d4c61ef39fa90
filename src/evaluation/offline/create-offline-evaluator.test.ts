import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { EvaluationCase } from "../../spec/index.js";
import { NO_EVALUATION_TOOLS } from "../evaluation-tools.test-support.js";
import { createOfflineEvaluator } from "./create-offline-evaluator.js";
import type { OfflineEvaluatorSpec } from "./offline-evaluator-spec.js";

function caseOf(answer: string | null, golds: string[] = []): EvaluationCase {
  const question = { id: "q1", question: "Q?", answers: golds, relevant: {} };
  return {
    cellKey: "cell-1",
    question,
    answer,
    hits: [],
    retrievedDocumentIds: [],
    tools: NO_EVALUATION_TOOLS,
  };
}

const SPECS: OfflineEvaluatorSpec[] = [
  { kind: "fluency", name: "fluency" },
  { kind: "rouge_l", name: "rouge_l" },
  { kind: "regex", name: "has_year", pattern: "\\d{4}", flags: "" },
  { kind: "json_valid", name: "json_valid" },
  { kind: "json_schema", name: "shape", schema: { type: "object" } },
  {
    kind: "module",
    name: "concise",
    modulePath: resolve("fixtures/evaluators/answer-length.mjs"),
    exportName: "answerLength",
  },
];

describe("createOfflineEvaluator", () => {
  it("builds every kind as an answer evaluator that skips missing answers", async () => {
    for (const spec of SPECS) {
      const evaluator = await createOfflineEvaluator(spec);
      expect(evaluator.name).toBe(spec.name);
      expect(evaluator.needs).toBe("answer");
      expect(evaluator.evaluate(caseOf(null, ["gold"]))).toBeNull();
    }
  });

  it("scores each kind on the answer", async () => {
    const scoreOf = async (index: number, input: EvaluationCase) => {
      const spec = SPECS[index];
      if (spec === undefined) throw new Error(`no spec ${index}`);
      return (await createOfflineEvaluator(spec)).evaluate(input);
    };
    expect(await scoreOf(0, caseOf("Yes."))).toBe(1);
    // [cat sat on mat] vs [cat is on mat]: LCS 3, F = 0.75.
    const rougeCase = caseOf("the cat sat on the mat", [
      "the cat is on the mat",
    ]);
    expect(await scoreOf(1, rougeCase)).toBe(0.75);
    expect(await scoreOf(1, caseOf("anything"))).toBeNull();
    expect(await scoreOf(2, caseOf("In 1066."))).toBe(1);
    expect(await scoreOf(3, caseOf("not json"))).toBe(0);
    expect(await scoreOf(4, caseOf('{"a": 1}'))).toBe(1);
    expect(await scoreOf(4, caseOf("[1]"))).toBe(0);
    expect(await scoreOf(5, caseOf("Short."))).toBe(1);
  });
});
