import { z } from "zod";
import type { EvaluationCase, EvaluationResult } from "../../spec/evaluator.js";
import type { EmbedderSpec } from "../../spec/experiment.js";
import { cosineSimilarity } from "./cosine-similarity.js";
import { type JudgeMetricDefinition, unscored } from "./judge-metric.js";
import { embedOrExplain } from "./semantic-similarity.js";

/** Questions the judge writes per answer, as RAGAS does by default. */
export const GENERATED_QUESTION_COUNT = 3;

const replySchema = z.object({
  questions: z.array(z.string().min(1)).min(1),
  noncommittal: z.boolean(),
});

type Reply = z.output<typeof replySchema>;

/**
 * Answer relevancy as RAGAS defines it: the judge writes the questions the
 * answer would answer and flags a noncommittal answer; the score is the
 * mean cosine similarity of those questions' embeddings to the asked
 * question's (a negative mean counts as 0), and 0 for a noncommittal
 * answer.
 */
export function answerRelevancy(
  embedder: EmbedderSpec,
): JudgeMetricDefinition<Reply> {
  return {
    needs: "answer",
    missing: () => null,
    variables: () => ({ count: String(GENERATED_QUESTION_COUNT) }),
    schema: () => replySchema,
    score: (reply, input) =>
      reply.noncommittal ? 0 : scoreQuestions(reply.questions, input, embedder),
  };
}

async function scoreQuestions(
  questions: readonly string[],
  input: EvaluationCase,
  embedder: EmbedderSpec,
): Promise<EvaluationResult> {
  const vectors = await embedOrExplain(input, embedder, [
    input.question.question,
    ...questions,
  ]);
  if (!Array.isArray(vectors)) return vectors;
  const [asked, ...generated] = vectors;
  const cosines =
    asked === undefined
      ? []
      : generated.flatMap((vector) => cosineSimilarity(asked, vector) ?? []);
  if (cosines.length === 0) {
    return unscored(
      `${embedder.id} knows no word of the question or of the judge's questions`,
    );
  }
  const mean = cosines.reduce((sum, value) => sum + value, 0) / cosines.length;
  return Math.max(0, mean);
}
