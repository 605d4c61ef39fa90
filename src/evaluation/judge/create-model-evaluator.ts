import { FmopsError } from "../../errors/index.js";
import type { Evaluator } from "../../spec/evaluator.js";
import type { EvaluatorSpec, JudgeSpec } from "../../spec/experiment.js";
import { answerRelevancy } from "./answer-relevancy.js";
import { contextPrecision } from "./context-precision.js";
import { contextRecall } from "./context-recall.js";
import { correctness } from "./correctness.js";
import { faithfulness } from "./faithfulness.js";
import { judgeEvaluator } from "./judge-metric.js";
import { rubricScore } from "./rubric-score.js";
import { semanticSimilarityEvaluator } from "./semantic-similarity.js";

/** Specs of the evaluators that call a model while scoring. */
export type ModelEvaluatorSpec = Extract<
  EvaluatorSpec,
  { kind: "judge" | "rubric" | "semantic_similarity" }
>;

/** Whether an evaluator spec is one `createModelEvaluator` builds. */
export function isModelEvaluatorSpec(
  spec: EvaluatorSpec,
): spec is ModelEvaluatorSpec {
  return (
    spec.kind === "judge" ||
    spec.kind === "rubric" ||
    spec.kind === "semantic_similarity"
  );
}

/**
 * Builds a judge or embedding evaluator from its spec.
 *
 * @throws FmopsError (`USAGE`) for a judge evaluator without a judge; the
 * experiment file is validated earlier, so this only guards direct callers.
 */
export function createModelEvaluator(
  spec: ModelEvaluatorSpec,
  judge: JudgeSpec | null,
): Evaluator {
  if (spec.kind === "semantic_similarity") {
    return semanticSimilarityEvaluator(spec.name, spec.embedder);
  }
  if (judge === null) {
    throw new FmopsError(
      "USAGE",
      `evaluator "${spec.name}" needs a judge model: add a judge: section`,
    );
  }
  const { name, prompt } = spec;
  if (spec.kind === "rubric") {
    return judgeEvaluator(name, prompt, judge, rubricScore);
  }
  switch (spec.metric) {
    case "correctness":
      return judgeEvaluator(name, prompt, judge, correctness);
    case "faithfulness":
      return judgeEvaluator(name, prompt, judge, faithfulness);
    case "answer_relevancy": {
      const definition = answerRelevancy(judge.embedder);
      return judgeEvaluator(name, prompt, judge, definition);
    }
    case "context_precision":
      return judgeEvaluator(name, prompt, judge, contextPrecision);
    case "context_recall":
      return judgeEvaluator(name, prompt, judge, contextRecall);
    case "judge_fluency":
      return judgeEvaluator(name, prompt, judge, rubricScore);
  }
}
