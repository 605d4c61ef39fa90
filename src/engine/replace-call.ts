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

/** The same chat model, answering through `generate` instead. */
export function withGenerate(
  model: ChatModel,
  generate: (request: ChatRequest) => Promise<ChatResponse>,
): ChatModel {
  return { provider: model.provider, modelId: model.modelId, generate };
}

/** The same embedding model, embedding through `embed` instead. */
export function withEmbed(
  model: EmbeddingModel,
  embed: (request: EmbedRequest) => Promise<EmbedResponse>,
): EmbeddingModel {
  return {
    provider: model.provider,
    modelId: model.modelId,
    // A getter: some remote models learn their length on the first call.
    get dimensions() {
      return model.dimensions;
    },
    maxBatchSize: model.maxBatchSize,
    embed,
  };
}
