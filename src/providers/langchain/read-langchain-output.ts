import type { ChatResponse, ChatUsage } from "../../spec/index.js";
import { describeKind } from "../module/describe-kind.js";
import type {
  AnswerReading,
  ReportedAnswer,
} from "../module/reported-answer.js";

type MessageLike = {
  content: unknown;
  usage_metadata?: unknown;
  response_metadata?: unknown;
};

/** Provider words for "ran out of output tokens", lower-cased. */
const LENGTH_REASONS = new Set(["length", "max_tokens"]);
/** Provider words for "finished on its own", lower-cased. */
const STOP_REASONS = new Set(["stop", "end_turn", "stop_sequence"]);

/**
 * Reads what a chain or chat model returned: a string (a chain ending in
 * an output parser) or a message, whose usage and finish reason are taken
 * when the model reported them.
 */
export function readLangChainOutput(output: unknown): AnswerReading {
  if (typeof output === "string") {
    return { isReadable: true, answer: { text: output } };
  }
  if (!isMessageLike(output)) {
    return {
      isReadable: false,
      problem: `it returned ${describeKind(output)}`,
    };
  }
  const text = contentText(output.content);
  if (text === null) {
    return { isReadable: false, problem: "its message holds no text" };
  }
  const answer: ReportedAnswer = { text };
  const usage = readUsage(output.usage_metadata);
  const finishReason = readFinishReason(output.response_metadata);
  if (usage !== undefined) answer.usage = usage;
  if (finishReason !== undefined) answer.finishReason = finishReason;
  return { isReadable: true, answer };
}

function isMessageLike(value: unknown): value is MessageLike {
  return typeof value === "object" && value !== null && "content" in value;
}

/** A string, or the text parts of multi-part content joined. */
function contentText(content: unknown): string | null {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return null;
  const texts = content.flatMap((part: unknown) => {
    const { type, text } = (part ?? {}) as { type?: unknown; text?: unknown };
    return type === "text" && typeof text === "string" ? [text] : [];
  });
  return texts.length === 0 ? null : texts.join("");
}

/** LangChain's `usage_metadata`; figures it lacks are left to counting. */
function readUsage(metadata: unknown): Partial<ChatUsage> | undefined {
  if (typeof metadata !== "object" || metadata === null) return undefined;
  const fields = metadata as {
    input_tokens?: unknown;
    output_tokens?: unknown;
    input_token_details?: { cache_read?: unknown };
  };
  const usage: Partial<ChatUsage> = {};
  const inputTokens = tokenCount(fields.input_tokens);
  const outputTokens = tokenCount(fields.output_tokens);
  const cachedInputTokens = tokenCount(fields.input_token_details?.cache_read);
  if (inputTokens !== undefined) usage.inputTokens = inputTokens;
  if (outputTokens !== undefined) usage.outputTokens = outputTokens;
  if (cachedInputTokens !== undefined) {
    usage.cachedInputTokens = cachedInputTokens;
  }
  return usage;
}

function tokenCount(value: unknown): number | undefined {
  const isCount = typeof value === "number" && Number.isInteger(value);
  return isCount && value >= 0 ? value : undefined;
}

/**
 * Chat model integrations name the finish reason differently (OpenAI
 * `finish_reason`, Anthropic `stop_reason`, Bedrock `stopReason`).
 */
function readFinishReason(
  metadata: unknown,
): ChatResponse["finishReason"] | undefined {
  if (typeof metadata !== "object" || metadata === null) return undefined;
  const fields = metadata as Record<string, unknown>;
  const reason =
    fields.finish_reason ?? fields.stop_reason ?? fields.stopReason;
  if (typeof reason !== "string") return undefined;
  const word = reason.toLowerCase();
  if (LENGTH_REASONS.has(word)) return "length";
  return STOP_REASONS.has(word) ? "stop" : "other";
}
