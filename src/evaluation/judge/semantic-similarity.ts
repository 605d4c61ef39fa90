import { BudgetReachedError } from "../../errors/budget-reached-error.js";
import type {
  EvaluationCase,
  EvaluationResult,
  Evaluator,
} from "../../spec/evaluator.js";
import type { EmbedderSpec } from "../../spec/experiment.js";
import { cosineSimilarity } from "./cosine-similarity.js";
import { embedTexts } from "./embed-texts.js";
import { NO_REFERENCE, unscored } from "./judge-metric.js";

/**
 * Cosine similarity between the answer's embedding and each gold answer's,
 * the best of them; a negative cosine counts as 0. How high a cosine is
 * "similar" depends on the embedder: it is not calibrated across models.
 */
export function semanticSimilarityEvaluator(
  name: string,
  embedder: EmbedderSpec,
): Evaluator {
  return {
    name,
    needs: "answer",
    evaluate: (input) => scoreSimilarity(input, embedder),
  };
}

async function scoreSimilarity(
  input: EvaluationCase,
  embedder: EmbedderSpec,
): Promise<EvaluationResult> {
  const { answers } = input.question;
  if (input.answer === null) return null;
  if (answers.length === 0) return unscored(NO_REFERENCE);
  const vectors = await embedOrExplain(input, embedder, [
    input.answer,
    ...answers,
  ]);
  if (!Array.isArray(vectors)) return vectors;
  const [answerVector, ...referenceVectors] = vectors;
  if (answerVector === undefined) return unscored("no vector for the answer");
  const cosines = referenceVectors.flatMap(
    (vector) => cosineSimilarity(answerVector, vector) ?? [],
  );
  if (cosines.length === 0) {
    return unscored(
      `${embedder.id} knows no word of the answer or of the gold answers`,
    );
  }
  return Math.max(0, ...cosines);
}

/** The texts' vectors, or why the embedding call failed. */
export async function embedOrExplain(
  input: EvaluationCase,
  embedder: EmbedderSpec,
  texts: readonly string[],
): Promise<Float32Array[] | EvaluationResult> {
  try {
    const model = await input.tools.embedder(embedder);
    return await embedTexts(model, texts);
  } catch (error) {
    // A call the budget refused leaves the case unrun, not unscored.
    if (error instanceof BudgetReachedError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return unscored(`embedding call failed: ${message}`);
  }
}
