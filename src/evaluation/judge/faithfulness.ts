import { z } from "zod";
import {
  type JudgeMetricDefinition,
  NO_CONTEXT,
  shareOf,
  unscored,
} from "./judge-metric.js";

const replySchema = z.object({
  claims: z.array(z.object({ claim: z.string(), supported: z.boolean() })),
});

/**
 * Faithfulness as RAGAS defines it: the share of the answer's claims that
 * the retrieved passages support. The judge extracts the claims and
 * verifies each against the passages in one reply. An answer that makes
 * no claim (a refusal) has nothing to check and is left unscored.
 */
export const faithfulness: JudgeMetricDefinition<z.output<typeof replySchema>> =
  {
    needs: "answer",
    missing: (input) => (input.hits.length === 0 ? NO_CONTEXT : null),
    schema: () => replySchema,
    score: ({ claims }) =>
      claims.length === 0
        ? unscored("the answer makes no claim to check")
        : shareOf(claims, (claim) => claim.supported),
  };
