import type { ChatMessage, ChatUsage } from "../../spec/chat-model.js";
import { countTokens } from "../../util/count-tokens.js";

/** The part of OpenAI's `usage` object fmops reads. */
export interface OpenAiUsageReport {
  prompt_tokens: number;
  completion_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
}

/** Token counts as the server reported them, cached input included. */
export function toChatUsage(usage: OpenAiUsageReport): ChatUsage {
  const cachedTokens = usage.prompt_tokens_details?.cached_tokens;
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    ...(typeof cachedTokens === "number"
      ? { cachedInputTokens: cachedTokens }
      : {}),
  };
}

/**
 * Counts tokens locally for a server that reported none: some
 * OpenAI-compatible servers ignore `stream_options.include_usage`. The
 * o200k count of the message texts matches current OpenAI models on the
 * text itself but misses the few tokens of per-message framing, and other
 * model families tokenize differently, so cost derived from it is an
 * estimate.
 */
export function estimateChatUsage(
  messages: readonly ChatMessage[],
  outputText: string,
): ChatUsage {
  const inputTokens = messages.reduce(
    (total, message) => total + countTokens(message.content),
    0,
  );
  return { inputTokens, outputTokens: countTokens(outputText) };
}

/** True when `value` has the two counts every usage report carries. */
export function isUsageReport(value: unknown): value is OpenAiUsageReport {
  if (value === null || typeof value !== "object") return false;
  const { prompt_tokens: input, completion_tokens: output } = value as Record<
    string,
    unknown
  >;
  return typeof input === "number" && typeof output === "number";
}
