import { z } from "zod";
import { FmopsError } from "../errors/fmops-error.js";
import type { ChatResponse } from "../spec/chat-model.js";
import type { EmbedResponse } from "../spec/embedding-model.js";

/*
 * How responses are written into and read from the response cache. Only
 * the contract's own fields are written, so anything a provider attached
 * to a response object (raw headers, say) never reaches the store.
 */

const chatResponseSchema = z.object({
  text: z.string(),
  usage: z.object({
    inputTokens: z.number(),
    outputTokens: z.number(),
    cachedInputTokens: z.number().optional(),
  }),
  latencyMs: z.number(),
  timeToFirstTokenMs: z.number().nullable(),
  finishReason: z.enum(["stop", "length", "other"]),
  costUsd: z.number().nullable(),
});

const embeddingsSchema = z.object({
  // Each vector's float32 bytes in base64: exact, and about a quarter of
  // the size the same vector takes as JSON numbers.
  embeddings: z.array(z.base64()),
  usage: z.object({ inputTokens: z.number() }),
  latencyMs: z.number(),
  costUsd: z.number().nullable(),
});

export function chatResponseToJson(response: ChatResponse): string {
  const { inputTokens, outputTokens, cachedInputTokens } = response.usage;
  return JSON.stringify({
    text: response.text,
    usage: { inputTokens, outputTokens, cachedInputTokens },
    latencyMs: response.latencyMs,
    timeToFirstTokenMs: response.timeToFirstTokenMs,
    finishReason: response.finishReason,
    costUsd: response.costUsd,
  } satisfies ChatResponse);
}

export function chatResponseFromJson(key: string, json: string): ChatResponse {
  return parseEntry(key, json, chatResponseSchema);
}

export function embeddingsToJson(response: EmbedResponse): string {
  return JSON.stringify({
    embeddings: response.embeddings.map(vectorToBase64),
    usage: { inputTokens: response.usage.inputTokens },
    latencyMs: response.latencyMs,
    costUsd: response.costUsd,
  } satisfies z.input<typeof embeddingsSchema>);
}

export function embeddingsFromJson(key: string, json: string): EmbedResponse {
  const stored = parseEntry(key, json, embeddingsSchema);
  return { ...stored, embeddings: stored.embeddings.map(vectorFromBase64) };
}

// Bytes are in the machine's order; every platform Node ships for is
// little-endian, so stores move between machines unchanged.
function vectorToBase64(vector: Float32Array): string {
  const bytes = Buffer.from(
    vector.buffer,
    vector.byteOffset,
    vector.byteLength,
  );
  return bytes.toString("base64");
}

function vectorFromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, "base64");
  // A copy: the decoded buffer may not sit on a 4-byte boundary.
  const aligned = new Uint8Array(bytes).buffer;
  return new Float32Array(aligned);
}

function parseEntry<Schema extends z.ZodType>(
  key: string,
  json: string,
  schema: Schema,
): z.output<Schema> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw damagedEntry(key, "it is not valid JSON", error);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const field = issue?.path.join(".") || "the entry";
  throw damagedEntry(key, `${field}: ${issue?.message}`, parsed.error);
}

function damagedEntry(key: string, reason: string, cause: unknown): FmopsError {
  return new FmopsError(
    "STORE_ERROR",
    `Response cache entry ${key} cannot be read (${reason}); expected a ` +
      "response as fmops stores it. Delete its row from the " +
      "response_cache table to call the model again.",
    { cause },
  );
}
