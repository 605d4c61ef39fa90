export * from "./bedrock-chat-model.js";
export * from "./bedrock-client.js";
export * from "./bedrock-embedding-model.js";
export * from "./map-bedrock-error.js";
export * from "./resolve-embedding-family.js";
