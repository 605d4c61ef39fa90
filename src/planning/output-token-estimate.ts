import type { CallPurpose } from "../spec/call-attribution.js";
import type { Question } from "../spec/dataset.js";
import type { ModelSpec } from "../spec/experiment.js";
import type { CallRecord, RunRecord } from "../spec/records.js";
import { meanOf } from "../statistics/mean-of.js";
import { countTokens } from "../util/count-tokens.js";
import type {
  OutputTokenEstimate,
  OutputTokenSource,
} from "./experiment-plan.js";

/** Reply tokens assumed when nothing better is known. */
export const DEFAULT_OUTPUT_TOKENS = 256;

/** Earlier runs read for reply lengths, newest first. */
const RECORDED_RUN_LIMIT = 20;

/** The part of the results store planning reads. */
export interface PlanningHistory {
  listRuns(options: { limit?: number }): RunRecord[];
  getCalls(runId: string): CallRecord[];
  getCachedResponse(key: string): string | null;
}

/**
 * Mean output tokens of each `provider:model`'s successful chat calls of
 * `purpose` in the store's latest runs: answers, or judges' replies.
 */
export function recordedOutputTokens(
  history: PlanningHistory,
  purpose: CallPurpose,
): Map<string, number> {
  const outputs = new Map<string, number[]>();
  for (const run of history.listRuns({ limit: RECORDED_RUN_LIMIT })) {
    for (const call of history.getCalls(run.id)) {
      if (!isReplyOf(call, purpose)) continue;
      const model = `${call.provider}:${call.modelId}`;
      const tokens = outputs.get(model) ?? [];
      tokens.push(call.outputTokens);
      outputs.set(model, tokens);
    }
  }
  return new Map(
    [...outputs].map(([model, tokens]) => [model, meanOf(tokens)]),
  );
}

function isReplyOf(call: CallRecord, purpose: CallPurpose): boolean {
  return (
    call.kind === "chat" &&
    call.status === "ok" &&
    (call.purpose ?? "system") === purpose
  );
}

/**
 * Mean tokens of the questions' reference answers (each question's
 * answers averaged first); `null` when no question has one.
 */
export function referenceAnswerTokens(
  questions: readonly Question[],
): number | null {
  const perQuestion = questions
    .filter((question) => question.answers.length > 0)
    .map((question) => meanOf(question.answers.map(countTokens)));
  return perQuestion.length === 0 ? null : meanOf(perQuestion);
}

/**
 * A chat model's expected reply length, from the best evidence at hand:
 * its replies recorded in earlier runs; else the reference answers, the
 * dataset's own measure of what an answer takes; else its
 * `max_output_tokens`; else {@link DEFAULT_OUTPUT_TOKENS}. A set maximum
 * caps the first two, since no reply can pass it.
 */
export function estimateOutputTokens(
  spec: ModelSpec,
  recordedMean: number | undefined,
  referenceMean: number | null,
): OutputTokenEstimate {
  const model = `${spec.provider}:${spec.model}`;
  const cap = spec.maxOutputTokens ?? Number.POSITIVE_INFINITY;
  const estimate = (tokens: number, source: OutputTokenSource) => ({
    model,
    tokensPerCall: Math.max(1, Math.round(Math.min(tokens, cap))),
    source,
  });
  if (recordedMean !== undefined) return estimate(recordedMean, "recorded");
  if (referenceMean !== null) {
    return estimate(referenceMean, "reference answers");
  }
  if (spec.maxOutputTokens !== undefined) {
    return estimate(spec.maxOutputTokens, "max_output_tokens");
  }
  return estimate(DEFAULT_OUTPUT_TOKENS, "default");
}
