import type {
  EmbeddingModel,
  EmbedRequest,
  EmbedResponse,
} from "../spec/embedding-model.js";

/**
 * An embedding model for tests: looks each text up in a fixed table of
 * vectors (unknown texts get the zero vector, as a word-vector model does
 * for a text with no known word) and records the batches it was given.
 */
export class FixedEmbeddingModel implements EmbeddingModel {
  readonly provider = "test";
  readonly modelId: string;
  readonly dimensions: number;
  readonly maxBatchSize: number;
  /** The texts of every `embed` call, in call order. */
  readonly batches: string[][] = [];
  readonly #vectors: ReadonlyMap<string, readonly number[]>;

  constructor(options: {
    vectors: Record<string, readonly number[]>;
    dimensions: number;
    maxBatchSize?: number;
    modelId?: string;
  }) {
    this.#vectors = new Map(Object.entries(options.vectors));
    this.dimensions = options.dimensions;
    this.maxBatchSize = options.maxBatchSize ?? 16;
    this.modelId = options.modelId ?? "fixed";
  }

  async embed(request: EmbedRequest): Promise<EmbedResponse> {
    this.batches.push([...request.texts]);
    const embeddings = request.texts.map((text) => {
      const vector = this.#vectors.get(text);
      return vector === undefined
        ? new Float32Array(this.dimensions)
        : Float32Array.from(vector);
    });
    return {
      embeddings,
      usage: { inputTokens: request.texts.length },
      latencyMs: 0,
      costUsd: null,
    };
  }
}
