import { fakeEmbedding, fakePromptTokens } from "./fake-content.js";
import type { FakeRoute } from "./fake-route.js";
import { isAuthorized, writeUnauthorized } from "./openai-routes-auth.js";
import { parseEmbeddingRequest } from "./openai-routes-embedding-request.js";
import { writeInvalidRequest } from "./openai-routes-errors.js";
import { writeJson } from "./write-json.js";

/**
 * `POST /v1/embeddings`: deterministic unit vectors from `fakeEmbedding`,
 * of the requested `dimensions` or the server's default, as JSON numbers
 * or as base64 little-endian float32 (what the openai SDK asks for).
 */
export const embeddingsRoute: FakeRoute = {
  method: "POST",
  path: /^\/v1\/embeddings$/,
  vendor: "openai",
  prepare(context) {
    if (!isAuthorized(context)) return () => writeUnauthorized(context);
    const parsed = parseEmbeddingRequest(context.body);
    if (!parsed.isValid) {
      const { message, param } = parsed.problem;
      return () => writeInvalidRequest(context.response, message, param);
    }
    const request = parsed.value;
    const dimensions =
      request.dimensions ?? context.options.embeddingDimensions;
    const promptTokens = fakePromptTokens(request.inputs);
    const body = {
      object: "list",
      data: request.inputs.map((text, index) => ({
        object: "embedding",
        index,
        embedding: encodeVector(
          fakeEmbedding(text, dimensions),
          request.encodingFormat,
        ),
      })),
      model: request.model,
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    };
    return () => writeJson(context.response, 200, body);
  },
};

function encodeVector(
  vector: readonly number[],
  format: "float" | "base64",
): number[] | string {
  if (format === "float") return Array.from(Float32Array.from(vector));
  const bytes = Buffer.alloc(vector.length * Float32Array.BYTES_PER_ELEMENT);
  vector.forEach((value, index) => {
    bytes.writeFloatLE(value, index * Float32Array.BYTES_PER_ELEMENT);
  });
  return bytes.toString("base64");
}
