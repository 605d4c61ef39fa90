import {
  countTokens,
  decodeTokens,
  encodeTokens,
} from "../util/count-tokens.js";
import { fakePromptTokens, fakeReply } from "./fake-content.js";
import type { ResolvedFakeServerOptions } from "./fake-server-options.js";
import type { FakeChatRequest } from "./openai-routes-chat-request.js";
import { cachedPromptTokens } from "./openai-routes-prompt-cache.js";

/** Token counts in OpenAI's `usage` layout. */
export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/** The answer the fake gives, before it is framed as JSON or a stream. */
export interface FakeChatCompletion {
  content: string;
  finishReason: "stop" | "length";
  usage: OpenAiUsage;
}

/**
 * The reply to a chat request: scripted by `options.reply` or generated
 * from the last user message, then cut to the request's token limit.
 */
export function composeChatCompletion(
  request: FakeChatRequest,
  options: ResolvedFakeServerOptions,
): FakeChatCompletion {
  const fullReply =
    options.reply?.(request.lastUserMessage) ??
    fakeReply(request.lastUserMessage, options.outputTokens);
  const { content, isCut } = cutToTokens(fullReply, request.maxTokens);
  const promptTokens = fakePromptTokens(request.messageTexts);
  const completionTokens = countTokens(content);
  return {
    content,
    finishReason: isCut ? "length" : "stop",
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: {
        cached_tokens: cachedPromptTokens(
          options,
          request.messageTexts,
          promptTokens,
        ),
      },
      completion_tokens_details: { reasoning_tokens: 0 },
    },
  };
}

function cutToTokens(
  text: string,
  maxTokens: number | null,
): { content: string; isCut: boolean } {
  if (maxTokens === null) return { content: text, isCut: false };
  const tokens = encodeTokens(text);
  if (tokens.length <= maxTokens) return { content: text, isCut: false };
  return { content: decodeTokens(tokens.slice(0, maxTokens)), isCut: true };
}
