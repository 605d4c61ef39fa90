import { FmopsError } from "../../errors/index.js";
import { splitWords } from "../../retrieval/analyze-text.js";
import type {
  EmbeddingModel,
  EmbedRequest,
  EmbedResponse,
} from "../../spec/index.js";
import { countTokens } from "../../util/count-tokens.js";
import { GLOVE_STOPWORDS } from "./glove-stopwords.js";
import {
  type GloveVectorTable,
  type GloveVectorTableOptions,
  loadGloveVectorTable,
} from "./glove-vector-table.js";

export interface GloveEmbeddingModelOptions {
  /** Milliseconds clock used for `latencyMs`. @default performance.now */
  now?: () => number;
}

/**
 * `local:glove-100d`: a text's vector is the mean of the GloVe vectors of
 * its words, lowercased, with function words (see `GLOVE_STOPWORDS`) and
 * words outside the vocabulary left out; every remaining occurrence counts
 * once. A text with no known word gets the zero vector, which matches
 * nothing under cosine similarity. Runs offline and costs nothing.
 */
export class GloveEmbeddingModel implements EmbeddingModel {
  readonly provider = "local";
  readonly modelId = "glove-100d";
  readonly dimensions: number;
  readonly maxBatchSize = 256;
  readonly #table: GloveVectorTable;
  readonly #now: () => number;

  /** Loads the vectors through their binary cache, building it if needed. */
  static async load(
    options: GloveVectorTableOptions & GloveEmbeddingModelOptions,
  ): Promise<GloveEmbeddingModel> {
    const table = await loadGloveVectorTable(options);
    return new GloveEmbeddingModel(table, options);
  }

  constructor(
    table: GloveVectorTable,
    options: GloveEmbeddingModelOptions = {},
  ) {
    this.#table = table;
    this.dimensions = table.dimensions;
    this.#now = options.now ?? (() => performance.now());
  }

  async embed(request: EmbedRequest): Promise<EmbedResponse> {
    const startMs = this.#now();
    request.abortSignal?.throwIfAborted();
    this.#assertBatchSize(request.texts.length);
    const embeddings = request.texts.map((text) => this.#embedText(text));
    const inputTokens = request.texts.reduce(
      (total, text) => total + countTokens(text),
      0,
    );
    return {
      embeddings,
      usage: { inputTokens },
      latencyMs: this.#now() - startMs,
      costUsd: 0,
    };
  }

  #embedText(text: string): Float32Array {
    const vectors: Float32Array[] = [];
    for (const word of splitWords(text)) {
      if (GLOVE_STOPWORDS.has(word)) continue;
      const vector = this.#table.lookup(word);
      if (vector !== undefined) vectors.push(vector);
    }
    return meanVector(vectors, this.dimensions);
  }

  #assertBatchSize(textCount: number): void {
    if (textCount <= this.maxBatchSize) return;
    throw new FmopsError(
      "USAGE",
      `local:glove-100d embeds at most ${this.maxBatchSize} texts per call, ` +
        `got ${textCount}; split the batch`,
    );
  }
}

/** The element-wise mean; the zero vector when there is nothing to average. */
function meanVector(vectors: Float32Array[], dimensions: number): Float32Array {
  // Sum in double precision so long texts do not lose small components.
  const sum = new Float64Array(dimensions);
  for (const vector of vectors) {
    vector.forEach((value, dimension) => {
      sum[dimension] = (sum[dimension] ?? 0) + value;
    });
  }
  const divisor = Math.max(vectors.length, 1);
  return Float32Array.from(sum, (value) => value / divisor);
}
