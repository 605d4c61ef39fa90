import {
  assertDimensions,
  type BedrockEmbeddingFamily,
  readVector,
} from "./bedrock-embedding-family.js";

const TITAN_V1_DIMENSIONS = 1_536;
const TITAN_V2_DIMENSIONS = [1_024, 512, 256];
/** Titan embeds one text per request; a batch runs them in parallel. */
const TITAN_BATCH_SIZE = 16;

/**
 * Amazon Titan Text Embeddings: `{inputText}` in, `{embedding,
 * inputTextTokenCount}` out. Version 2 also takes `dimensions` and
 * `normalize`; fmops asks for unit vectors so cosine and dot product agree.
 */
export function titanEmbeddingFamily(
  modelId: string,
  dimensions: number | undefined,
): BedrockEmbeddingFamily {
  const isVersion1 = modelId === "amazon.titan-embed-text-v1";
  const allowed = isVersion1 ? [TITAN_V1_DIMENSIONS] : TITAN_V2_DIMENSIONS;
  assertDimensions(modelId, dimensions, allowed);
  const length = dimensions ?? allowed[0] ?? TITAN_V1_DIMENSIONS;
  return {
    dimensions: length,
    textsPerRequest: 1,
    defaultBatchSize: TITAN_BATCH_SIZE,
    requestBody: ([inputText]) =>
      isVersion1
        ? { inputText }
        : { inputText, dimensions: length, normalize: true },
    readReply: (body) => ({
      vectors: [readVector(fieldOf(body, "embedding"), length, "embedding")],
      inputTokens: readTokenCount(fieldOf(body, "inputTextTokenCount")),
    }),
  };
}

function fieldOf(body: unknown, name: string): unknown {
  if (typeof body !== "object" || body === null) {
    throw new Error("the body is not a JSON object");
  }
  return Reflect.get(body, name);
}

function readTokenCount(value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) {
    return value;
  }
  throw new Error(
    `inputTextTokenCount is ${JSON.stringify(value)}, expected a count`,
  );
}
