import { z } from "zod";
import {
  type JudgeMetricDefinition,
  NO_CONTEXT,
  NO_REFERENCE,
  shareOf,
  unscored,
} from "./judge-metric.js";

const replySchema = z.object({
  statements: z.array(
    z.object({ statement: z.string(), attributed: z.boolean() }),
  ),
});

/**
 * Context recall as RAGAS defines it: the share of the reference answer's
 * statements that can be attributed to the retrieved passages. It scores
 * retrieval, so cells without a model score it too.
 */
export const contextRecall: JudgeMetricDefinition<
  z.output<typeof replySchema>
> = {
  needs: "retrieval",
  missing: missingReferenceOrContext,
  schema: () => replySchema,
  score: ({ statements }) =>
    statements.length === 0
      ? unscored("the judge found no statement in the reference answer")
      : shareOf(statements, (statement) => statement.attributed),
};

/** What context precision and recall both need. */
export function missingReferenceOrContext(input: {
  question: { answers: string[] };
  hits: readonly unknown[];
}): string | null {
  if (input.question.answers.length === 0) return NO_REFERENCE;
  if (input.hits.length === 0) return NO_CONTEXT;
  return null;
}
