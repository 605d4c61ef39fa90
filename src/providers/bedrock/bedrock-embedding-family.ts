import { FmopsError } from "../../errors/fmops-error.js";

/** What an embedding family's reply holds once read. */
export interface EmbeddingReply {
  /** One vector per text of the request, in request order. */
  vectors: number[][];
  /** Input tokens, when the body states them (Titan does, Cohere not). */
  inputTokens: number | null;
}

/**
 * The InvokeModel body format of a family of Bedrock embedding models:
 * each vendor has its own request and reply JSON.
 */
export interface BedrockEmbeddingFamily {
  /** Length of every vector. */
  readonly dimensions: number;
  /** Most texts one InvokeModel request carries. */
  readonly textsPerRequest: number;
  /** Most texts one `embed` call takes unless the settings say otherwise. */
  readonly defaultBatchSize: number;
  requestBody(texts: readonly string[]): Record<string, unknown>;
  /** Reads a parsed reply; throws an Error naming the field that is wrong. */
  readReply(body: unknown, textCount: number): EmbeddingReply;
}

/** Refuses a vector length the model cannot produce. */
export function assertDimensions(
  modelId: string,
  dimensions: number | undefined,
  allowed: readonly number[],
): void {
  if (dimensions === undefined || allowed.includes(dimensions)) return;
  throw new FmopsError(
    "USAGE",
    `bedrock ${modelId}: dimensions ${dimensions} is not offered; ` +
      `expected ${allowed.join(" or ")}`,
  );
}

/** A vector of `dimensions` finite numbers, or an Error saying what is off. */
export function readVector(
  value: unknown,
  dimensions: number,
  field: string,
): number[] {
  if (!Array.isArray(value)) {
    throw new Error(`${field} is not an array`);
  }
  if (value.length !== dimensions) {
    throw new Error(
      `${field} has ${value.length} numbers, expected ${dimensions}`,
    );
  }
  if (
    !value.every((item) => typeof item === "number" && Number.isFinite(item))
  ) {
    throw new Error(`${field} holds something other than finite numbers`);
  }
  return value as number[];
}
