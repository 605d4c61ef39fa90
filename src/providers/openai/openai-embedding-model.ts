import { FmopsError } from "../../errors/fmops-error.js";
import type {
  EmbeddingModel,
  EmbedRequest,
  EmbedResponse,
} from "../../spec/embedding-model.js";
import type { EmbedderSpec } from "../../spec/experiment.js";
import { mapOpenAiError } from "./map-openai-error.js";
import type { OpenAiCallContext } from "./openai-call-context.js";
import { connectOpenAi, type OpenAiClientOptions } from "./openai-client.js";
import {
  type OpenAiEmbeddings,
  readOpenAiEmbeddings,
} from "./read-openai-embeddings.js";

export interface OpenAiEmbeddingModelOptions extends OpenAiClientOptions {
  /**
   * Vector length. text-embedding-3 models are asked for it (`dimensions`
   * shortens their vectors); for other models it declares what the server
   * returns. @default the model's native length, else probed
   */
  dimensions?: number;
  /** Wire format of the vectors; base64 is about a third of the bytes. @default "base64" */
  encodingFormat?: "base64" | "float";
  /** Milliseconds clock for latencies. @default performance.now */
  now?: () => number;
}

/** Native vector lengths, and whether the model can shorten them. */
const KNOWN_MODELS: Record<
  string,
  { dimensions: number; isShortenable: boolean }
> = {
  "text-embedding-3-small": { dimensions: 1_536, isShortenable: true },
  "text-embedding-3-large": { dimensions: 3_072, isShortenable: true },
  "text-embedding-ada-002": { dimensions: 1_536, isShortenable: false },
};

/** OpenAI's limit on inputs per request. */
const MAX_BATCH_SIZE = 2_048;
const DEFAULT_BATCH_SIZE = 256;

/** Text sent once to learn an unknown model's vector length. */
const PROBE_TEXT = "dimension probe";

/**
 * An embedder behind `/embeddings`: OpenAI or any compatible server. The
 * vector index needs `dimensions` before the first insert, so `create`
 * settles it up front: the model's native length, the `dimensions` option,
 * or, for a model fmops does not know, one probe request. Every response
 * is then checked against it. `costUsd` is `null`: the engine prices calls.
 */
export class OpenAiEmbeddingModel implements EmbeddingModel {
  readonly provider = "openai";
  readonly modelId: string;
  readonly dimensions: number;
  readonly maxBatchSize: number;
  readonly #spec: EmbedderSpec;
  readonly #options: OpenAiEmbeddingModelOptions;
  readonly #isDimensionsSent: boolean;
  readonly #now: () => number;

  /** The model with its vector length settled (probing if need be). */
  static async create(
    spec: EmbedderSpec,
    options: OpenAiEmbeddingModelOptions = {},
  ): Promise<OpenAiEmbeddingModel> {
    const known = KNOWN_MODELS[spec.model];
    const dimensions =
      options.dimensions ??
      known?.dimensions ??
      (await probeDimensions(spec, options));
    if (known !== undefined && !known.isShortenable) {
      assertNativeLength(spec.model, dimensions, known.dimensions);
    }
    return new OpenAiEmbeddingModel(spec, options, {
      dimensions,
      isDimensionsSent: known?.isShortenable === true,
    });
  }

  private constructor(
    spec: EmbedderSpec,
    options: OpenAiEmbeddingModelOptions,
    resolved: { dimensions: number; isDimensionsSent: boolean },
  ) {
    this.modelId = spec.model;
    this.dimensions = resolved.dimensions;
    this.maxBatchSize = resolveBatchSize(spec);
    this.#spec = spec;
    this.#options = options;
    this.#isDimensionsSent = resolved.isDimensionsSent;
    this.#now = options.now ?? (() => performance.now());
  }

  async embed(request: EmbedRequest): Promise<EmbedResponse> {
    this.#assertBatchSize(request.texts.length);
    if (request.texts.length === 0) {
      return {
        embeddings: [],
        usage: { inputTokens: 0 },
        latencyMs: 0,
        costUsd: 0,
      };
    }
    const startMs = this.#now();
    const result = await requestEmbeddings(this.#spec, this.#options, {
      texts: request.texts,
      dimensions: this.dimensions,
      isDimensionsSent: this.#isDimensionsSent,
      abortSignal: request.abortSignal,
    });
    return {
      embeddings: result.embeddings,
      usage: { inputTokens: result.inputTokens },
      latencyMs: this.#now() - startMs,
      costUsd: null,
    };
  }

  #assertBatchSize(textCount: number): void {
    if (textCount <= this.maxBatchSize) return;
    throw new FmopsError(
      "USAGE",
      `openai:${this.modelId} embeds at most ${this.maxBatchSize} texts per ` +
        `call (settings.batchSize), got ${textCount}; split the batch`,
    );
  }
}

interface EmbeddingCall {
  texts: readonly string[];
  /** Expected vector length; `null` accepts any (the probe). */
  dimensions: number | null;
  isDimensionsSent: boolean;
  abortSignal?: AbortSignal | undefined;
}

async function requestEmbeddings(
  spec: EmbedderSpec,
  options: OpenAiEmbeddingModelOptions,
  call: EmbeddingCall,
): Promise<OpenAiEmbeddings> {
  const connection = connectOpenAi(spec.settings, spec.model, options);
  const context: OpenAiCallContext = {
    modelId: spec.model,
    url: `${connection.publicBaseUrl}/embeddings`,
    apiKey: connection.apiKey,
    abortSignal: call.abortSignal,
  };
  try {
    const response: unknown = await connection.client.embeddings.create(
      {
        model: spec.model,
        input: [...call.texts],
        encoding_format: options.encodingFormat ?? "base64",
        ...(call.isDimensionsSent && call.dimensions !== null
          ? { dimensions: call.dimensions }
          : {}),
      },
      { signal: call.abortSignal },
    );
    return readOpenAiEmbeddings(response, call.texts, call.dimensions, context);
  } catch (error) {
    throw mapOpenAiError(error, context);
  }
}

/** One short request to learn the vector length of an unknown model. */
async function probeDimensions(
  spec: EmbedderSpec,
  options: OpenAiEmbeddingModelOptions,
): Promise<number> {
  const probe = await requestEmbeddings(spec, options, {
    texts: [PROBE_TEXT],
    dimensions: null,
    isDimensionsSent: false,
  });
  return probe.embeddings[0]?.length ?? 0;
}

function resolveBatchSize(spec: EmbedderSpec): number {
  const batchSize = spec.settings.batchSize ?? DEFAULT_BATCH_SIZE;
  if (
    Number.isInteger(batchSize) &&
    batchSize >= 1 &&
    batchSize <= MAX_BATCH_SIZE
  ) {
    return batchSize;
  }
  throw new FmopsError(
    "USAGE",
    `${spec.id}: settings.batchSize must be a whole number from 1 to ` +
      `${MAX_BATCH_SIZE} (OpenAI's limit per request), got ${batchSize}`,
  );
}

function assertNativeLength(model: string, requested: number, native: number) {
  if (requested === native) return;
  throw new FmopsError(
    "USAGE",
    `${model} always returns ${native} dimensions and cannot shorten ` +
      `them; remove the dimensions option or use a text-embedding-3 model`,
  );
}
