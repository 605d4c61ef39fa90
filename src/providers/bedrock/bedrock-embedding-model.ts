import {
  type BedrockRuntimeClient,
  InvokeModelCommand,
} from "@aws-sdk/client-bedrock-runtime";
import pLimit from "p-limit";
import type { ProviderCallError } from "../../errors/provider-call-error.js";
import type {
  EmbeddingModel,
  EmbedRequest,
  EmbedResponse,
} from "../../spec/embedding-model.js";
import type { EmbedderSpec, ProviderSettings } from "../../spec/experiment.js";
import { countTokens } from "../../util/count-tokens.js";
import {
  bedrockModelPath,
  describeBedrockUrl,
  getBedrockClient,
} from "./bedrock-client.js";
import type { BedrockEmbeddingFamily } from "./bedrock-embedding-family.js";
import { captureResponseHeaders } from "./capture-response-headers.js";
import { mapBedrockError } from "./map-bedrock-error.js";
import { resolveEmbeddingFamily } from "./resolve-embedding-family.js";

/** Requests one `embed` call keeps in flight; the engine limits the rest. */
const PARALLEL_REQUESTS = 4;
/** Bedrock states the billed input tokens of InvokeModel in this header. */
const INPUT_TOKEN_HEADER = "x-amzn-bedrock-input-token-count";

/** The vectors of one InvokeModel request and the tokens it was billed. */
interface InvokeResult {
  vectors: number[][];
  inputTokens: number;
}

export interface BedrockEmbeddingModelOptions {
  /**
   * Vector length where the model offers a choice (Titan v2: 256, 512 or
   * 1024). @default the model's largest
   */
  dimensions?: number;
  /** @default the shared client of the spec's region and endpoint */
  client?: BedrockRuntimeClient;
  /** Milliseconds clock used for latencies. @default performance.now */
  now?: () => number;
}

/**
 * Titan and Cohere embeddings through Bedrock's InvokeModel. Titan takes
 * one text a request, so a batch runs a few requests at once; Cohere takes
 * up to 96 texts in one. `spec.model` is the Bedrock model id
 * (`amazon.titan-embed-text-v2:0`); `spec.settings` gives region, endpoint
 * and `batchSize`, the standard AWS chain the rest.
 */
export class BedrockEmbeddingModel implements EmbeddingModel {
  readonly provider = "bedrock";
  readonly modelId: string;
  readonly dimensions: number;
  readonly maxBatchSize: number;
  readonly #family: BedrockEmbeddingFamily;
  readonly #settings: ProviderSettings;
  readonly #client: BedrockRuntimeClient;
  readonly #now: () => number;

  constructor(spec: EmbedderSpec, options: BedrockEmbeddingModelOptions = {}) {
    this.modelId = spec.model;
    this.#family = resolveEmbeddingFamily(spec.model, options.dimensions);
    this.#settings = spec.settings;
    this.dimensions = this.#family.dimensions;
    this.maxBatchSize = Math.max(
      1,
      this.#settings.batchSize ?? this.#family.defaultBatchSize,
    );
    this.#client = options.client ?? getBedrockClient(this.#settings);
    this.#now = options.now ?? (() => performance.now());
  }

  async embed(request: EmbedRequest): Promise<EmbedResponse> {
    const startMs = this.#now();
    const groups = splitIntoGroups(request.texts, this.#family.textsPerRequest);
    const replies = await this.#invokeAll(groups, request.abortSignal);
    return {
      embeddings: replies.flatMap((reply) =>
        reply.vectors.map((vector) => Float32Array.from(vector)),
      ),
      usage: {
        inputTokens: replies.reduce((sum, reply) => sum + reply.inputTokens, 0),
      },
      latencyMs: this.#now() - startMs,
      costUsd: null,
    };
  }

  /**
   * Runs the requests of a batch a few at a time. The first failure stops
   * the others, so a failed batch does not keep spending.
   */
  async #invokeAll(
    groups: readonly string[][],
    abortSignal: AbortSignal | undefined,
  ): Promise<InvokeResult[]> {
    const failure = new AbortController();
    const signal =
      abortSignal === undefined
        ? failure.signal
        : AbortSignal.any([abortSignal, failure.signal]);
    const limit = pLimit(PARALLEL_REQUESTS);
    try {
      return await Promise.all(
        groups.map((texts) => limit(() => this.#invoke(texts, signal))),
      );
    } catch (error) {
      limit.clearQueue();
      failure.abort();
      throw error;
    }
  }

  async #invoke(
    texts: readonly string[],
    abortSignal: AbortSignal,
  ): Promise<InvokeResult> {
    const command = new InvokeModelCommand({
      modelId: this.modelId,
      contentType: "application/json",
      accept: "application/json",
      body: JSON.stringify(this.#family.requestBody(texts)),
    });
    const response = captureResponseHeaders(command);
    let bodyText: string | null = null;
    try {
      const output = await this.#client.send(command, { abortSignal });
      bodyText = output.body.transformToString();
      const reply = this.#family.readReply(parseJson(bodyText), texts.length);
      const tokenHeader = response.headers[INPUT_TOKEN_HEADER];
      return {
        vectors: reply.vectors,
        inputTokens:
          reply.inputTokens ??
          parseTokenCount(tokenHeader) ??
          // Neither body nor header says: o200k counts stand in.
          texts.reduce((sum, text) => sum + countTokens(text), 0),
      };
    } catch (error) {
      throw await this.#toCallError(error, abortSignal, bodyText);
    }
  }

  async #toCallError(
    error: unknown,
    abortSignal: AbortSignal,
    bodyText: string | null,
  ): Promise<ProviderCallError> {
    const path = bedrockModelPath(this.modelId, "invoke");
    return mapBedrockError(error, {
      modelId: this.modelId,
      url: await describeBedrockUrl(this.#client, this.#settings, path),
      abortSignal,
      hasResponse: bodyText !== null,
      responseBody: bodyText,
    });
  }
}

function splitIntoGroups(texts: readonly string[], size: number): string[][] {
  const groups: string[][] = [];
  for (let start = 0; start < texts.length; start += size) {
    groups.push(texts.slice(start, start + size));
  }
  return groups;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error("the body is not valid JSON");
  }
}

function parseTokenCount(value: string | undefined): number | null {
  if (value === undefined) return null;
  const count = Number(value);
  return Number.isInteger(count) && count >= 0 ? count : null;
}
