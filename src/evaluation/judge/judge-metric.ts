import type { z } from "zod";
import type {
  EvaluationCase,
  EvaluationResult,
  Evaluator,
  Unscored,
} from "../../spec/evaluator.js";
import type { JudgePromptSpec, JudgeSpec } from "../../spec/experiment.js";
import { formatContext, renderTemplate } from "../../util/render-template.js";
import { askJudge } from "./ask-judge.js";

/**
 * How one judge metric asks and scores. The prompt comes from the spec;
 * the definition says what the case must have, the reply's shape, and how
 * a reply becomes a score.
 */
export interface JudgeMetricDefinition<Reply> {
  /** `retrieval` metrics score the passages and need no generated answer. */
  needs: Evaluator["needs"];
  /** Why the case cannot be scored at all, or `null` when it can. */
  missing(input: EvaluationCase): string | null;
  /** Values of the prompt's placeholders beyond the common ones. */
  variables?(input: EvaluationCase): Record<string, string>;
  /** The reply's shape; may depend on the case (one verdict per passage). */
  schema(input: EvaluationCase): z.ZodType<Reply>;
  score(
    reply: Reply,
    input: EvaluationCase,
  ): EvaluationResult | Promise<EvaluationResult>;
}

/** Builds the evaluator of a judge metric. */
export function judgeEvaluator<Reply>(
  name: string,
  prompt: JudgePromptSpec,
  settings: JudgeSpec,
  definition: JudgeMetricDefinition<Reply>,
): Evaluator {
  return {
    name,
    needs: definition.needs,
    async evaluate(input) {
      const missing = definition.missing(input);
      if (missing !== null) return unscored(missing);
      const judge = input.tools.judge;
      if (judge === null) return unscored("no judge model is configured");

      const reply = await askJudge(judge, settings, {
        messages: renderTemplate(prompt.template, {
          ...commonVariables(input),
          ...definition.variables?.(input),
        }),
        schema: definition.schema(input),
        question: input.question.question,
      });
      if (!reply.isParsed) return reply.unscored;
      return definition.score(reply.value, input);
    },
  };
}

export function unscored(reason: string): Unscored {
  return { score: null, reason };
}

/** Reason of metrics that compare with the question's gold answers. */
export const NO_REFERENCE = "no reference answer";

/** Reason of metrics that read the retrieved passages. */
export const NO_CONTEXT = "nothing was retrieved";

function commonVariables(input: EvaluationCase): Record<string, string> {
  return {
    question: input.question.question,
    answer: input.answer ?? "",
    context: formatContext(input.hits),
    references: input.question.answers
      .map((reference) => `- ${reference}`)
      .join("\n"),
  };
}

/** Share of `items` for which `isCounted` holds; `items` is not empty. */
export function shareOf<Item>(
  items: readonly Item[],
  isCounted: (item: Item) => boolean,
): number {
  return items.filter(isCounted).length / items.length;
}
