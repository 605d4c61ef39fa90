import { badOpenAiResponse } from "./bad-openai-response.js";
import type { OpenAiCallContext } from "./openai-call-context.js";
import { isUsageReport, type OpenAiUsageReport } from "./openai-usage.js";

/** What a streamed chat completion added up to. */
export interface CollectedStream {
  text: string;
  /** OpenAI's own reason, e.g. `stop`, `length`, `content_filter`. */
  finishReason: string;
  /** The final usage chunk; `null` when the server sent none. */
  usage: OpenAiUsageReport | null;
  /** From the start of the call to the first non-empty content delta. */
  timeToFirstTokenMs: number | null;
}

/**
 * Reads `chat.completion.chunk` events to the end. Time to first token is
 * taken at the first delta with text: the role-only chunk that opens
 * every stream carries none, so it does not count.
 */
export async function collectOpenAiStream(
  chunks: AsyncIterable<unknown>,
  context: OpenAiCallContext,
  clock: { startMs: number; now: () => number },
): Promise<CollectedStream> {
  const parts: string[] = [];
  let finishReason: string | null = null;
  let usage: OpenAiUsageReport | null = null;
  let timeToFirstTokenMs: number | null = null;

  for await (const chunk of chunks) {
    const choices = readChoices(chunk, context);
    const choice = choices[0];
    const content = choice?.delta?.content;
    if (typeof content === "string" && content !== "") {
      timeToFirstTokenMs ??= clock.now() - clock.startMs;
      parts.push(content);
    }
    if (typeof choice?.finish_reason === "string") {
      finishReason = choice.finish_reason;
    }
    const reported = (chunk as { usage?: unknown }).usage;
    if (isUsageReport(reported)) usage = reported;
  }

  // The SDK ends a stream quietly when the signal aborts: raise it here so
  // a cancelled call never passes for a short answer.
  context.abortSignal?.throwIfAborted();
  if (finishReason === null) {
    throw badOpenAiResponse(
      context,
      "the stream ended without a finish reason",
      parts.join(""),
    );
  }
  return { text: parts.join(""), finishReason, usage, timeToFirstTokenMs };
}

interface StreamChoice {
  delta?: { content?: unknown } | null;
  finish_reason?: unknown;
}

function readChoices(
  chunk: unknown,
  context: OpenAiCallContext,
): StreamChoice[] {
  const choices = (chunk as { choices?: unknown } | null)?.choices;
  if (Array.isArray(choices)) return choices as StreamChoice[];
  throw badOpenAiResponse(context, "a stream chunk has no choices", chunk);
}
