import { z } from "zod";
import {
  type JudgeMetricDefinition,
  NO_REFERENCE,
  unscored,
} from "./judge-metric.js";

const replySchema = z.object({
  TP: z.array(z.string()),
  FP: z.array(z.string()),
  FN: z.array(z.string()),
});

/**
 * Answer correctness: the judge sorts the answer's statements and the
 * reference's into true positives (answer statements the reference
 * supports), false positives (answer statements it does not) and false
 * negatives (reference statements the answer leaves out); the score is
 * their F1, TP / (TP + (FP + FN) / 2).
 */
export const correctness: JudgeMetricDefinition<z.output<typeof replySchema>> =
  {
    needs: "answer",
    missing: (input) =>
      input.question.answers.length === 0 ? NO_REFERENCE : null,
    schema: () => replySchema,
    score: ({ TP, FP, FN }) => {
      const wrong = FP.length + FN.length;
      if (TP.length + wrong === 0) {
        return unscored("the judge found no statement to compare");
      }
      return TP.length / (TP.length + wrong / 2);
    },
  };
