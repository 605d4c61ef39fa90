import { z } from "zod";
import { missingReferenceOrContext } from "./context-recall.js";
import type { JudgeMetricDefinition } from "./judge-metric.js";

const verdictSchema = z.object({
  passage: z.number().int(),
  useful: z.boolean(),
});

type Reply = { verdicts: Array<z.output<typeof verdictSchema>> };

/**
 * Context precision as RAGAS defines it: the judge marks each retrieved
 * passage useful or not for reaching the reference answer, and the score
 * is the mean of precision@k over the ranks k that hold a useful passage
 * (0 when none does). Useful passages ranked first score higher.
 */
export const contextPrecision: JudgeMetricDefinition<Reply> = {
  needs: "retrieval",
  missing: missingReferenceOrContext,
  schema: (input) =>
    z.object({
      verdicts: z
        .array(verdictSchema)
        .length(input.hits.length, {
          error: `one verdict per passage: ${input.hits.length}`,
        })
        .refine(isEachPassageOnce, {
          error: `passages numbered 1 to ${input.hits.length}, each once`,
        }),
    }),
  // In rank order, whatever order the judge listed its verdicts in.
  score: ({ verdicts }) =>
    averagePrecision(
      [...verdicts]
        .sort((left, right) => left.passage - right.passage)
        .map((verdict) => verdict.useful),
    ),
};

function isEachPassageOnce(
  verdicts: ReadonlyArray<{ passage: number }>,
): boolean {
  const passages = new Set(verdicts.map((verdict) => verdict.passage));
  return (
    passages.size === verdicts.length &&
    verdicts.every(({ passage }) => passage >= 1 && passage <= verdicts.length)
  );
}

/** Mean precision@k over the useful ranks k; 0 when no rank is useful. */
export function averagePrecision(isUseful: readonly boolean[]): number {
  let usefulSoFar = 0;
  let precisionSum = 0;
  isUseful.forEach((useful, index) => {
    if (!useful) return;
    usefulSoFar += 1;
    precisionSum += usefulSoFar / (index + 1);
  });
  return usefulSoFar === 0 ? 0 : precisionSum / usefulSoFar;
}
