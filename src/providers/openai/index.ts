export { mapOpenAiError } from "./map-openai-error.js";
export {
  OpenAiChatModel,
  type OpenAiChatModelOptions,
} from "./openai-chat-model.js";
export { connectOpenAi, type OpenAiClientOptions } from "./openai-client.js";
export {
  OpenAiEmbeddingModel,
  type OpenAiEmbeddingModelOptions,
} from "./openai-embedding-model.js";
