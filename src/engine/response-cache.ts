import type { ChatRequest, ChatResponse } from "../spec/chat-model.js";
import type { EmbedResponse } from "../spec/embedding-model.js";
import type { ModelSpec } from "../spec/experiment.js";
import {
  chatResponseFromJson,
  chatResponseToJson,
  embeddingsFromJson,
  embeddingsToJson,
} from "./response-cache-entries.js";
import { chatCacheKey } from "./response-cache-key.js";
import type { ResponseCacheStore } from "./run-writer.js";

/**
 * An exact-match cache of model responses, kept in the results store so
 * that a rerun, or another cell asking the same thing, pays nothing. A
 * response read back keeps the latency and usage of the call that made it,
 * so statistics over cached cases stay those of real calls.
 */
export class ResponseCache {
  readonly #store: ResponseCacheStore;

  constructor(store: ResponseCacheStore) {
    this.#store = store;
  }

  /** The key of a chat request; see `chatCacheKey`. */
  keyFor(spec: ModelSpec, request: ChatRequest): string {
    return chatCacheKey(spec, request);
  }

  /** The chat response cached under `key`, or `null` when there is none. */
  get(key: string): ChatResponse | null {
    const json = this.#store.getCachedResponse(key);
    return json === null ? null : chatResponseFromJson(key, json);
  }

  /** Caches a chat response under `key`, replacing what was there. */
  put(
    key: string,
    provider: string,
    modelId: string,
    response: ChatResponse,
  ): void {
    const responseJson = chatResponseToJson(response);
    this.#store.putCachedResponse({ key, provider, modelId, responseJson });
  }

  /** The embeddings cached under `key`, or `null` when there are none. */
  getEmbeddings(key: string): EmbedResponse | null {
    const json = this.#store.getCachedResponse(key);
    return json === null ? null : embeddingsFromJson(key, json);
  }

  /** Caches an embedding response under `key`, replacing what was there. */
  putEmbeddings(
    key: string,
    provider: string,
    modelId: string,
    response: EmbedResponse,
  ): void {
    const responseJson = embeddingsToJson(response);
    this.#store.putCachedResponse({ key, provider, modelId, responseJson });
  }
}
