import type { EvaluationCase, Evaluator } from "../../spec/index.js";
import { createJsonSchemaChecker } from "./json-schema-check.js";
import { jsonValidity } from "./json-validity.js";
import { loadModuleEvaluator } from "./module-evaluator.js";
import type { OfflineEvaluatorSpec } from "./offline-evaluator-spec.js";
import { offlineFluency } from "./offline-fluency.js";
import { createRegexMatcher } from "./regex-match.js";
import { rougeL } from "./rouge-l.js";

type AnswerScorer = (answer: string, input: EvaluationCase) => number | null;

/**
 * Builds the evaluator a spec describes. Patterns and schemas are compiled
 * and modules imported here, once, so a broken one fails before any model
 * is called. Every evaluator needs an answer and scores `null` without one.
 *
 * @throws FmopsError (`CONFIG_INVALID`) for an invalid pattern or schema;
 * (`USAGE`) for a module that cannot be loaded.
 */
export async function createOfflineEvaluator(
  spec: OfflineEvaluatorSpec,
): Promise<Evaluator> {
  if (spec.kind === "module") return loadModuleEvaluator(spec);
  return answerEvaluator(spec.name, createScorer(spec));
}

function createScorer(
  spec: Exclude<OfflineEvaluatorSpec, { kind: "module" }>,
): AnswerScorer {
  switch (spec.kind) {
    case "fluency":
      return offlineFluency;
    case "rouge_l":
      return (answer, input) => rougeL(answer, input.question.answers);
    case "regex":
      return createRegexMatcher(spec.name, spec.pattern, spec.flags);
    case "json_valid":
      return jsonValidity;
    case "json_schema":
      return createJsonSchemaChecker(spec.name, spec.schema);
  }
}

function answerEvaluator(name: string, scorer: AnswerScorer): Evaluator {
  return {
    name,
    needs: "answer",
    evaluate: (input) =>
      input.answer === null ? null : scorer(input.answer, input),
  };
}
