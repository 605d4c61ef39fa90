import type { CallAttribution } from "./call-attribution.js";

export interface EmbedRequest {
  texts: string[];
  abortSignal?: AbortSignal;
  /** For the engine's call records; models ignore it. */
  attribution?: CallAttribution;
}

export interface EmbedResponse {
  /** One vector per input text, in input order. */
  embeddings: Float32Array[];
  usage: { inputTokens: number };
  latencyMs: number;
  /** Cost of the call; `null` when the price is unknown. */
  costUsd: number | null;
}

/** A model that turns texts into dense vectors. */
export interface EmbeddingModel {
  /** Provider name, e.g. `local`, `openai`. */
  readonly provider: string;
  /** Model id within the provider, e.g. `glove-100d`. */
  readonly modelId: string;
  readonly dimensions: number;
  /** Most texts one `embed` call accepts. */
  readonly maxBatchSize: number;
  embed(request: EmbedRequest): Promise<EmbedResponse>;
}
