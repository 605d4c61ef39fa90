import type { ChatModel } from "./chat-model.js";
import type { EmbeddingModel } from "./embedding-model.js";
import type { EmbedderSpec, ModelSpec } from "./experiment.js";

/**
 * Turns the names an experiment file uses into live models. The engine asks
 * the registry and never imports a vendor itself, so a new provider plugs in
 * here without touching the engine.
 */
export interface ProviderRegistry {
  /**
   * A chat model for a `models:` entry. Asynchronous so that a provider's
   * SDK is loaded only by runs that use it.
   */
  createChatModel(spec: ModelSpec): Promise<ChatModel>;
  /** A dense embedder for an `embedder` axis value such as `local:glove-100d`. */
  createEmbeddingModel(spec: EmbedderSpec): Promise<EmbeddingModel>;
}
