import { countTokens } from "../../util/count-tokens.js";
import { badOpenAiResponse } from "./bad-openai-response.js";
import type { OpenAiCallContext } from "./openai-call-context.js";

/** Vectors and billed tokens of one `/embeddings` response. */
export interface OpenAiEmbeddings {
  /** One vector per input, in input order. */
  embeddings: Float32Array[];
  inputTokens: number;
}

interface EmbeddingItem {
  index?: unknown;
  embedding?: unknown;
}

/**
 * Checks and decodes an `/embeddings` body: one vector per input, put back
 * in input order by `index`, each `dimensions` long (`null` accepts any
 * length, for probing). Vectors arrive as base64 float32 or as numbers;
 * both are accepted because some OpenAI-compatible servers ignore
 * `encoding_format`.
 */
export function readOpenAiEmbeddings(
  response: unknown,
  texts: readonly string[],
  dimensions: number | null,
  context: OpenAiCallContext,
): OpenAiEmbeddings {
  const body = (response ?? {}) as { data?: unknown; usage?: unknown };
  const items = Array.isArray(body.data) ? (body.data as EmbeddingItem[]) : [];
  if (items.length !== texts.length) {
    throw badOpenAiResponse(
      context,
      `expected ${texts.length} embeddings, got ${items.length}`,
      summarize(response),
    );
  }
  const ordered = [...items].sort(
    (left, right) => Number(left.index) - Number(right.index),
  );
  const embeddings = ordered.map((item, position) =>
    decodeVector(item.embedding, dimensions, position, context),
  );
  return { embeddings, inputTokens: billedTokens(body.usage, texts) };
}

function decodeVector(
  encoded: unknown,
  dimensions: number | null,
  position: number,
  context: OpenAiCallContext,
): Float32Array {
  const vector = toFloat32Array(encoded);
  if (vector === null) {
    throw badOpenAiResponse(
      context,
      `embedding ${position} is neither base64 nor an array of numbers`,
      typeof encoded,
    );
  }
  if (dimensions !== null && vector.length !== dimensions) {
    throw badOpenAiResponse(
      context,
      `embedding ${position} has ${vector.length} dimensions, ` +
        `expected ${dimensions}`,
      { length: vector.length },
    );
  }
  return vector;
}

function toFloat32Array(encoded: unknown): Float32Array | null {
  if (typeof encoded === "string") return decodeBase64Floats(encoded);
  if (Array.isArray(encoded) && encoded.every((x) => typeof x === "number")) {
    return Float32Array.from(encoded as number[]);
  }
  return null;
}

/** Little-endian float32s, read one by one so any host byte order works. */
function decodeBase64Floats(encoded: string): Float32Array | null {
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length % Float32Array.BYTES_PER_ELEMENT !== 0) return null;
  const vector = new Float32Array(
    bytes.length / Float32Array.BYTES_PER_ELEMENT,
  );
  for (let index = 0; index < vector.length; index += 1) {
    vector[index] = bytes.readFloatLE(index * Float32Array.BYTES_PER_ELEMENT);
  }
  return vector;
}

/**
 * The server's count. For a server that reports none, the local o200k
 * count stands in: an estimate, since OpenAI's embedding models use
 * cl100k_base and other servers their own tokenizers.
 */
function billedTokens(usage: unknown, texts: readonly string[]): number {
  const reported = (usage as { prompt_tokens?: unknown } | null)?.prompt_tokens;
  if (typeof reported === "number") return reported;
  return texts.reduce((total, text) => total + countTokens(text), 0);
}

/** Keeps error bodies short: vectors are thousands of numbers long. */
function summarize(response: unknown): unknown {
  if (response === null || typeof response !== "object") return response;
  const { data, ...rest } = response as { data?: unknown };
  return {
    ...rest,
    data: Array.isArray(data) ? `[${data.length} items]` : data,
  };
}
