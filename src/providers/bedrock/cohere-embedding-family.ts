import {
  assertDimensions,
  type BedrockEmbeddingFamily,
  readVector,
} from "./bedrock-embedding-family.js";

const COHERE_V3_DIMENSIONS = 1_024;
/** Cohere's own limit on texts per request. */
const COHERE_MAX_TEXTS = 96;

/**
 * Cohere Embed v3: `{texts, input_type}` in, `{embeddings}` out, up to 96
 * texts a request.
 *
 * Cohere embeds queries (`search_query`) and documents
 * (`search_document`) differently, but an embed request does not say
 * which it holds, so every text is embedded as a document. Query vectors
 * are then a little less well matched to documents than Cohere intends,
 * which costs some retrieval quality against this model's best.
 */
export function cohereEmbeddingFamily(
  modelId: string,
  dimensions: number | undefined,
): BedrockEmbeddingFamily {
  assertDimensions(modelId, dimensions, [COHERE_V3_DIMENSIONS]);
  return {
    dimensions: COHERE_V3_DIMENSIONS,
    textsPerRequest: COHERE_MAX_TEXTS,
    defaultBatchSize: COHERE_MAX_TEXTS,
    requestBody: (texts) => ({
      texts,
      input_type: "search_document",
      truncate: "END",
    }),
    readReply: (body, textCount) => ({
      vectors: readEmbeddings(body, textCount),
      // Cohere's body has no count; Bedrock states it in a header.
      inputTokens: null,
    }),
  };
}

function readEmbeddings(body: unknown, textCount: number): number[][] {
  const embeddings: unknown =
    typeof body === "object" && body !== null
      ? Reflect.get(body, "embeddings")
      : undefined;
  if (!Array.isArray(embeddings)) {
    throw new Error("embeddings is not an array of float vectors");
  }
  if (embeddings.length !== textCount) {
    throw new Error(
      `embeddings has ${embeddings.length} vectors for ${textCount} texts`,
    );
  }
  return embeddings.map((vector, index) =>
    readVector(vector, COHERE_V3_DIMENSIONS, `embeddings[${index}]`),
  );
}
