import type { PriceTable } from "../providers/prices/price-table.js";
import type { CallAttribution } from "../spec/call-attribution.js";
import type {
  ChatModel,
  ChatRequest,
  ChatResponse,
} from "../spec/chat-model.js";
import type {
  EmbeddingModel,
  EmbedRequest,
  EmbedResponse,
} from "../spec/embedding-model.js";
import type { EmbedderSpec, ModelSpec } from "../spec/experiment.js";
import { contentKey } from "../util/hash.js";
import {
  ASSUMED_OUTPUT_TOKENS,
  type CallBudget,
  type Reservation,
} from "./budget/call-budget.js";
import type { CallRecorder } from "./call-recorder.js";
import { withEmbed, withGenerate } from "./replace-call.js";
import type { ResponseCache } from "./response-cache.js";
import type { CallScheduler } from "./scheduling/call-scheduler.js";

/** Attribution of calls that serve no single case (index builds). */
const NO_CASE: CallAttribution = { cellKey: null, questionId: null };

/** Characters per token, near enough for rate limiting English text. */
const CHARACTERS_PER_TOKEN = 4;

export interface ModelGatewayOptions {
  recorder: CallRecorder;
  scheduler: CallScheduler;
  /** `null` when the response cache is off. */
  cache: ResponseCache | null;
  prices: PriceTable;
  /** Told once per model whose price the table does not know. */
  onUnknownPrice: (provider: string, modelId: string) => void;
  /** Cost limit of remote calls; `null` for none. @default null */
  budget?: CallBudget | null;
  /**
   * Send every chat call to the model even when the cache holds its
   * answer (repeated cases measure how answers vary); answers are still
   * cached. @default false
   */
  isChatCacheBypassed?: boolean;
}

/**
 * Puts the engine's services between the matrix and a provider's model:
 * the response cache, rate limits and retries, call records and prices.
 * Local models skip the first two: they are free and never throttled.
 */
export class ModelGateway {
  readonly #options: ModelGatewayOptions;
  readonly #unpricedModels = new Set<string>();

  constructor(options: ModelGatewayOptions) {
    this.#options = options;
  }

  chatModel(model: ChatModel, spec: ModelSpec): ChatModel {
    const recorded = this.#options.recorder.wrapChatModel(
      this.#pricedChat(model),
    );
    if (model.provider === "local") return recorded;
    const generate = (request: ChatRequest) =>
      this.#withinBudget(
        (budget) => budget.reserveChat(model, request),
        () =>
          this.#schedule(
            model.provider,
            estimateChatTokens(request),
            request,
            (abortSignal, attribution) =>
              recorded.generate({ ...request, abortSignal, attribution }),
          ),
        (response) => response.usage.outputTokens,
      );
    return withGenerate(model, (request) =>
      this.#cached(spec, request, generate),
    );
  }

  embeddingModel(model: EmbeddingModel, spec: EmbedderSpec): EmbeddingModel {
    const recorded = this.#options.recorder.wrapEmbeddingModel(
      this.#pricedEmbedding(model),
    );
    if (model.provider === "local") return recorded;
    const embed = (request: EmbedRequest) =>
      this.#withinBudget(
        (budget) => budget.reserveEmbedding(model, request.texts),
        () =>
          this.#schedule(
            model.provider,
            estimateTextTokens(request.texts),
            request,
            (abortSignal, attribution) =>
              recorded.embed({ ...request, abortSignal, attribution }),
          ),
        () => 0,
      );
    return withEmbed(recorded, (request) =>
      this.#cachedEmbed(spec, request, embed),
    );
  }

  /**
   * Query embeddings repeat from run to run; answering them from the cache
   * is what lets an identical run make no provider call at all.
   */
  async #cachedEmbed(
    spec: EmbedderSpec,
    request: EmbedRequest,
    embed: (request: EmbedRequest) => Promise<EmbedResponse>,
  ): Promise<EmbedResponse> {
    const cache = this.#options.cache;
    if (cache === null) return embed(request);
    const key = embeddingCacheKey(spec, request.texts);
    const hit = cache.getEmbeddings(key);
    if (hit !== null) return hit;
    const response = await embed(request);
    cache.putEmbeddings(key, spec.provider, spec.model, response);
    return response;
  }

  #cached(
    spec: ModelSpec,
    request: ChatRequest,
    generate: (request: ChatRequest) => Promise<ChatResponse>,
  ): Promise<ChatResponse> {
    const cache = this.#options.cache;
    // Not async on this path: every layer of promises costs each call.
    if (cache === null) return generate(request);
    return this.#answerFromCache(cache, spec, request, generate);
  }

  async #answerFromCache(
    cache: ResponseCache,
    spec: ModelSpec,
    request: ChatRequest,
    generate: (request: ChatRequest) => Promise<ChatResponse>,
  ): Promise<ChatResponse> {
    const key = cache.keyFor(spec, request);
    const hit = this.#options.isChatCacheBypassed ? null : cache.get(key);
    if (hit !== null) return { ...hit, isCached: true };
    const response = await generate(request);
    cache.put(key, spec.provider, spec.model, response);
    return response;
  }

  /**
   * Holds the call's estimated cost against the budget while it runs, then
   * settles it at the priced cost (nothing for a call that failed).
   */
  #withinBudget<Response extends { costUsd: number | null }>(
    reserve: (budget: CallBudget) => Reservation,
    call: () => Promise<Response>,
    outputTokensOf: (response: Response) => number,
  ): Promise<Response> {
    const budget = this.#options.budget ?? null;
    // Not async without a budget: every layer of promises costs each call.
    if (budget === null) return call();
    return this.#reserved(budget, reserve, call, outputTokensOf);
  }

  async #reserved<Response extends { costUsd: number | null }>(
    budget: CallBudget,
    reserve: (budget: CallBudget) => Reservation,
    call: () => Promise<Response>,
    outputTokensOf: (response: Response) => number,
  ): Promise<Response> {
    const reservation = reserve(budget);
    try {
      const response = await call();
      reservation.settle({
        costUsd: response.costUsd,
        outputTokens: outputTokensOf(response),
      });
      return response;
    } catch (error) {
      reservation.settle(null);
      throw error;
    }
  }

  /** One call through the scheduler; each try is recorded with its number. */
  #schedule<Response>(
    provider: string,
    estimatedTokens: number,
    request: { abortSignal?: AbortSignal; attribution?: CallAttribution },
    call: (
      abortSignal: AbortSignal,
      attribution: CallAttribution,
    ) => Promise<Response>,
  ): Promise<Response> {
    const { abortSignal } = request;
    const attributedTo = request.attribution ?? NO_CASE;
    return this.#options.scheduler.run(
      { provider, estimatedTokens, abortSignal },
      (attempt) =>
        call(attempt.abortSignal, {
          ...attributedTo,
          attempt: attempt.attempt,
        }),
    );
  }

  #pricedChat(model: ChatModel): ChatModel {
    return withGenerate(model, async (request) => {
      const response = await model.generate(request);
      if (response.costUsd !== null) return response;
      return { ...response, costUsd: this.#costOf(model, response.usage) };
    });
  }

  #pricedEmbedding(model: EmbeddingModel): EmbeddingModel {
    return withEmbed(model, async (request): Promise<EmbedResponse> => {
      const response = await model.embed(request);
      if (response.costUsd !== null) return response;
      const usage = {
        inputTokens: response.usage.inputTokens,
        outputTokens: 0,
      };
      return { ...response, costUsd: this.#costOf(model, usage) };
    });
  }

  #costOf(
    model: { provider: string; modelId: string },
    usage: ChatResponse["usage"],
  ): number | null {
    const cost = this.#options.prices.costOf(
      model.provider,
      model.modelId,
      usage,
    );
    const name = `${model.provider}:${model.modelId}`;
    if (cost === null && !this.#unpricedModels.has(name)) {
      this.#unpricedModels.add(name);
      this.#options.onUnknownPrice(model.provider, model.modelId);
    }
    return cost;
  }
}

function embeddingCacheKey(
  spec: EmbedderSpec,
  texts: readonly string[],
): string {
  const { baseUrl, endpoint, region, dimensions } = spec.settings;
  return contentKey(
    {
      kind: "embedding",
      id: spec.id,
      baseUrl,
      endpoint,
      region,
      dimensions,
      texts,
    },
    64,
  );
}

function estimateChatTokens(request: ChatRequest): number {
  const characters = request.messages.reduce(
    (total, message) => total + message.content.length,
    0,
  );
  const output = request.maxOutputTokens ?? ASSUMED_OUTPUT_TOKENS;
  return Math.ceil(characters / CHARACTERS_PER_TOKEN) + output;
}

function estimateTextTokens(texts: readonly string[]): number {
  const characters = texts.reduce((total, text) => total + text.length, 0);
  return Math.ceil(characters / CHARACTERS_PER_TOKEN);
}
