import type {
  ChatMessage,
  ChatRequest,
  ChatResponse,
  ChatUsage,
} from "../../spec/index.js";
import { countTokens } from "../../util/count-tokens.js";
import type { ReportedAnswer } from "./reported-answer.js";

/**
 * The response for an answer from a team's own code. Usage the code did
 * not report is counted with fmops' tokenizer: input from the prompt
 * messages, output from the answer text. The cost stays unknown (`null`):
 * the code may call a paid model fmops cannot see.
 */
export function toChatResponse(
  request: ChatRequest,
  answer: ReportedAnswer,
  latencyMs: number,
): ChatResponse {
  return {
    text: answer.text,
    usage: completeUsage(request.messages, answer),
    latencyMs,
    timeToFirstTokenMs: null,
    finishReason: answer.finishReason ?? "stop",
    costUsd: null,
  };
}

function completeUsage(
  messages: ChatMessage[],
  answer: ReportedAnswer,
): ChatUsage {
  const usage: ChatUsage = {
    inputTokens: answer.usage?.inputTokens ?? countMessageTokens(messages),
    outputTokens: answer.usage?.outputTokens ?? countTokens(answer.text),
  };
  const cachedInputTokens = answer.usage?.cachedInputTokens;
  if (cachedInputTokens !== undefined) {
    usage.cachedInputTokens = cachedInputTokens;
  }
  return usage;
}

function countMessageTokens(messages: ChatMessage[]): number {
  return messages.reduce(
    (total, message) => total + countTokens(message.content),
    0,
  );
}
