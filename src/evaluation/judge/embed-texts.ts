import type { EmbeddingModel } from "../../spec/embedding-model.js";

/** One vector per text, in order, in as many calls as the model's batches. */
export async function embedTexts(
  model: EmbeddingModel,
  texts: readonly string[],
): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  const batchSize = Math.max(1, model.maxBatchSize);
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = texts.slice(start, start + batchSize);
    const response = await model.embed({ texts: batch });
    vectors.push(...response.embeddings);
  }
  return vectors;
}
