import { z } from "zod";
import type { AnswerReading } from "./reported-answer.js";

const tokenCountSchema = z.number().int().nonnegative();

const answerObjectSchema = z.object({
  text: z.string(),
  usage: z
    .object({
      inputTokens: tokenCountSchema.optional(),
      outputTokens: tokenCountSchema.optional(),
    })
    .optional(),
});

/** The shape `exec` programs print and `module` functions may return. */
export const ANSWER_OBJECT_SHAPE =
  '{ "text": string, "usage"?: ' +
  '{ "inputTokens"?: integer, "outputTokens"?: integer } }';

/**
 * Checks a `{ text, usage? }` value. Members beyond these are ignored, so a
 * program may return sources or scores alongside its answer.
 */
export function readAnswerObject(value: unknown): AnswerReading {
  const parsed = answerObjectSchema.safeParse(value);
  if (parsed.success) return { isReadable: true, answer: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.length === 0 ? "answer" : issue.path.join(".");
    return `${field}: ${issue.message}`;
  });
  return { isReadable: false, problem: problems.join("; ") };
}
