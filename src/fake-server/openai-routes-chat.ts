import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
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
  async handle(context) {
    if (!isAuthorized(context)) return writeUnauthorized(context);
    const parsed = parseChatRequest(context.body);
    if (!parsed.isValid) {
      const { message, param } = parsed.problem;
      return writeInvalidRequest(context.response, message, param);
    }
    const completion = composeChatCompletion(parsed.value, context.options);
    const identity = newCompletionIdentity(parsed.value.model);
    if (!parsed.value.isStream) {
      return writeJson(context.response, 200, {
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
      });
    }
    await streamCompletion(context, parsed.value, completion, identity);
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
 * Streams the completion the way OpenAI does: a first chunk carrying the
 * role, content deltas, a chunk with the finish reason, a usage chunk with
 * no choices when asked for, then `[DONE]`. The skeleton waited once before
 * calling; this waits again between deltas, so a stream lasts longer than
 * its time to first token, as real ones do.
 */
async function streamCompletion(
  context: FakeRequestContext,
  request: FakeChatRequest,
  completion: FakeChatCompletion,
  identity: CompletionIdentity,
): Promise<void> {
  const { response } = context;
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
  });
  const usageField = request.includesUsage ? { usage: null } : {};
  const writeChunk = (choice: object | null, extra: object = usageField) =>
    writeEvent(response, {
      ...identity,
      object: "chat.completion.chunk",
      choices: choice === null ? [] : [choice],
      ...extra,
    });

  // Chunks written without a pause between them leave in one packet, as
  // a real server's buffered writes do; one write a chunk would cost both
  // ends a packet each.
  response.cork();
  writeChunk(delta({ role: "assistant", content: "" }, null));
  for (const [index, text] of splitIntoDeltas(completion.content).entries()) {
    if (index > 0) await pauseUncorked(context);
    if (response.destroyed) return; // the client went away
    writeChunk(delta({ content: text }, null));
  }
  writeChunk(delta({}, completion.finishReason));
  if (request.includesUsage) writeChunk(null, { usage: completion.usage });
  response.end("data: [DONE]\n\n");
}

/** Sends what is written so far before a pause between deltas. */
async function pauseUncorked(context: FakeRequestContext): Promise<void> {
  if (context.options.streamDeltaDelayMs <= 0) return;
  context.response.uncork();
  await context.pauseBetweenDeltas();
  context.response.cork();
}

function delta(content: object, finishReason: string | null): object {
  return {
    index: 0,
    delta: content,
    logprobs: null,
    finish_reason: finishReason,
  };
}

function writeEvent(response: ServerResponse, value: object): void {
  response.write(`data: ${JSON.stringify(value)}\n\n`);
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
