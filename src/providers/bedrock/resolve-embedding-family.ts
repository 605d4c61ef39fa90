import { FmopsError } from "../../errors/fmops-error.js";
import type { BedrockEmbeddingFamily } from "./bedrock-embedding-family.js";
import { cohereEmbeddingFamily } from "./cohere-embedding-family.js";
import { titanEmbeddingFamily } from "./titan-embedding-family.js";

type FamilyFactory = (
  modelId: string,
  dimensions: number | undefined,
) => BedrockEmbeddingFamily;

/** Embedding models fmops knows how to call, by Bedrock model id. */
const FAMILIES: Record<string, FamilyFactory> = {
  "amazon.titan-embed-text-v1": titanEmbeddingFamily,
  "amazon.titan-embed-text-v2:0": titanEmbeddingFamily,
  "cohere.embed-english-v3": cohereEmbeddingFamily,
  "cohere.embed-multilingual-v3": cohereEmbeddingFamily,
};

/** Bedrock embedding model ids fmops can call. */
export const BEDROCK_EMBEDDING_MODEL_IDS = Object.keys(FAMILIES);

/**
 * The body format and vector length of a Bedrock embedding model.
 * `dimensions` picks a length where the model offers a choice (Titan v2:
 * 256, 512 or 1024); elsewhere it must equal the model's own.
 */
export function resolveEmbeddingFamily(
  modelId: string,
  dimensions?: number,
): BedrockEmbeddingFamily {
  const createFamily = FAMILIES[modelId];
  if (createFamily === undefined) {
    throw new FmopsError(
      "USAGE",
      `bedrock has no embedding model "${modelId}"; expected one of ` +
        BEDROCK_EMBEDDING_MODEL_IDS.join(", "),
    );
  }
  return createFamily(modelId, dimensions);
}
