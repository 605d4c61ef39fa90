import { FmopsError } from "../errors/index.js";
import type { EvaluationCase, Evaluator } from "../spec/index.js";
import { containsAnswer, exactMatch, tokenF1 } from "./answer-metrics.js";
import {
  type AnswerMetric,
  METRIC_NAME_HELP,
  parseMetricName,
  type RetrievalMetric,
} from "./metric-name.js";
import {
  ndcgAtK,
  precisionAtK,
  type RelevanceGrades,
  recallAtK,
  reciprocalRankAtK,
} from "./retrieval-metrics.js";

type AnswerScorer = (
  prediction: string,
  golds: readonly string[],
) => number | null;

type RetrievalScorer = (
  rankedIds: readonly string[],
  grades: RelevanceGrades,
  k: number,
) => number | null;

const ANSWER_SCORERS: Record<AnswerMetric, AnswerScorer> = {
  exact_match: exactMatch,
  token_f1: tokenF1,
  contains: containsAnswer,
};

const RETRIEVAL_SCORERS: Record<RetrievalMetric, RetrievalScorer> = {
  recall: recallAtK,
  precision: precisionAtK,
  mrr: reciprocalRankAtK,
  ndcg: ndcgAtK,
};

/**
 * One evaluator per metric name, in the order given.
 *
 * @throws FmopsError (`USAGE`) for a name that is not a metric; the
 * experiment file is validated earlier, so this only guards direct callers.
 */
export function createEvaluators(names: readonly string[]): Evaluator[] {
  return names.map(createEvaluator);
}

function createEvaluator(name: string): Evaluator {
  const parsed = parseMetricName(name);
  if (parsed === null) {
    throw new FmopsError(
      "USAGE",
      `unknown metric "${name}"; expected ${METRIC_NAME_HELP}`,
    );
  }
  if (parsed.kind === "answer") {
    return createAnswerEvaluator(name, ANSWER_SCORERS[parsed.metric]);
  }
  if (parsed.kind !== "retrieval") {
    throw new FmopsError(
      "USAGE",
      `metric "${name}" is built from its spec, not by name`,
    );
  }
  const scorer = RETRIEVAL_SCORERS[parsed.metric];
  return createRetrievalEvaluator(name, scorer, parsed.cutoff);
}

/** Cells that generate no answer (retrieval-only) leave these unscored. */
function createAnswerEvaluator(name: string, scorer: AnswerScorer): Evaluator {
  return {
    name,
    needs: "answer",
    evaluate: (input: EvaluationCase) =>
      input.answer === null
        ? null
        : scorer(input.answer, input.question.answers),
  };
}

function createRetrievalEvaluator(
  name: string,
  scorer: RetrievalScorer,
  cutoff: number,
): Evaluator {
  return {
    name,
    needs: "retrieval",
    evaluate: (input: EvaluationCase) =>
      scorer(input.retrievedDocumentIds, input.question.relevant, cutoff),
  };
}
