import type { ChatResponse } from "../../spec/chat-model.js";

/**
 * Bedrock's stop reason in fmops terms: a natural end or a stop sequence is
 * `stop`, running out of tokens or context is `length`, and anything else
 * (tool use, guardrails, content filters) is `other`.
 */
export function toFinishReason(
  stopReason: string | null | undefined,
): ChatResponse["finishReason"] {
  switch (stopReason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    default:
      return "other";
  }
}
