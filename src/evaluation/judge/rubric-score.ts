import { z } from "zod";
import type { JudgeMetricDefinition } from "./judge-metric.js";

const replySchema = z.object({
  score: z.number().int().min(1).max(5),
  reason: z.string().optional(),
});

/**
 * A 1–5 rating, by the shipped fluency rubric or a team's own, normalised
 * to 0–1 as (score − 1) / 4.
 */
export const rubricScore: JudgeMetricDefinition<z.output<typeof replySchema>> =
  {
    needs: "answer",
    missing: () => null,
    schema: () => replySchema,
    score: ({ score }) => (score - 1) / 4,
  };
