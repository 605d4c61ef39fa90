import { randomUUID } from "node:crypto";
import type { FakeRequestContext, FakeRoute } from "./fake-route.js";
import { isAuthorized, writeUnauthorized } from "./openai-routes-auth.js";
import {
  composeChatCompletion,
  type FakeChatCompletion,
} from "./openai-routes-chat-completion.js";
import {
  type FakeChatRequest,
  parseChatRequest,
} from "./openai-routes-chat-request.js";
import { writeInvalidRequest } from "./openai-routes-errors.js";
import { writeJson } from "./write-json.js";

/** Pieces of text (a word with its leading space) per streamed delta. */
const PIECES_PER_DELTA = 4;

/** `POST /v1/chat/completions`, as JSON or as Server-Sent Events. */
export const chatCompletionsRoute: FakeRoute = {
  method: "POST",
  path: /^\/v1\/chat\/completions$/,
  vendor: "openai",
  prepare(context) {
    if (!isAuthorized(context)) return () => writeUnauthorized(context);
    const parsed = parseChatRequest(context.body);
    if (!parsed.isValid) {
      const { message, param } = parsed.problem;
      return () => writeInvalidRequest(context.response, message, param);
    }
    const completion = composeChatCompletion(parsed.value, context.options);
    const identity = newCompletionIdentity(parsed.value.model);
    if (parsed.value.isStream) {
      const parts = streamParts(parsed.value, completion, identity);
      return () => sendStream(context, parts);
    }
    const body = {
      ...identity,
      object: "chat.completion",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: completion.content },
          logprobs: null,
          finish_reason: completion.finishReason,
        },
      ],
      usage: completion.usage,
    };
    return () => writeJson(context.response, 200, body);
  },
};

/** Fields every chunk of one completion repeats. */
interface CompletionIdentity {
  id: string;
  created: number;
  model: string;
}

function newCompletionIdentity(model: string): CompletionIdentity {
  return {
    id: `chatcmpl-${randomUUID().replaceAll("-", "")}`,
    created: Math.floor(Date.now() / 1_000),
    model,
  };
}

/**
 * The completion as OpenAI streams it, in Server-Sent Events: a first
 * chunk carrying the role, content deltas, a chunk with the finish reason,
 * a usage chunk with no choices when asked for, then `[DONE]`. Each part
 * holds one content delta with whatever comes before or after it, and is
 * sent in one write: the server pauses between parts, never inside one.
 */
function streamParts(
  request: FakeChatRequest,
  completion: FakeChatCompletion,
  identity: CompletionIdentity,
): string[] {
  const usageField = request.includesUsage ? { usage: null } : {};
  const event = (choice: object | null, extra: object = usageField) =>
    `data: ${JSON.stringify({
      ...identity,
      object: "chat.completion.chunk",
      choices: choice === null ? [] : [choice],
      ...extra,
    })}\n\n`;
  const parts = splitIntoDeltas(completion.content).map((text) =>
    event(delta({ content: text }, null)),
  );
  const opening = event(delta({ role: "assistant", content: "" }, null));
  let closing = event(delta({}, completion.finishReason));
  if (request.includesUsage)
    closing += event(null, { usage: completion.usage });
  closing += "data: [DONE]\n\n";
  parts[0] = opening + (parts[0] ?? "");
  parts[parts.length - 1] += closing;
  return parts;
}

/**
 * Sends the parts with the configured pause between them, so a stream
 * lasts longer than its time to first token, as real ones do.
 */
async function sendStream(
  context: FakeRequestContext,
  parts: readonly string[],
): Promise<void> {
  const { response } = context;
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
  });
  if (context.options.streamDeltaDelayMs <= 0) {
    response.end(parts.join(""));
    return;
  }
  for (const [index, part] of parts.entries()) {
    if (index > 0) await context.pauseBetweenDeltas();
    if (response.destroyed) return; // the client went away
    response.write(part);
  }
  response.end();
}

function delta(content: object, finishReason: string | null): object {
  return {
    index: 0,
    delta: content,
    logprobs: null,
    finish_reason: finishReason,
  };
}

/** Splits before each whitespace so the deltas join back to the text. */
function splitIntoDeltas(text: string): string[] {
  const pieces = text.split(/(?=\s)/).filter((piece) => piece !== "");
  const deltas: string[] = [];
  for (let start = 0; start < pieces.length; start += PIECES_PER_DELTA) {
    deltas.push(pieces.slice(start, start + PIECES_PER_DELTA).join(""));
  }
  return deltas;
}
