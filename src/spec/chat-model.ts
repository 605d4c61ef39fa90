import type { CallAttribution } from "./call-attribution.js";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** A retrieved passage handed to the model alongside the rendered prompt. */
export interface GroundingPassage {
  chunkId: string;
  documentId: string;
  text: string;
}

export interface ChatRequest {
  /** The rendered prompt; what a remote model is sent. */
  messages: ChatMessage[];
  /** The raw question, for readers that work on structure, not prose. */
  question: string;
  /** Retrieved passages in rank order. */
  passages: GroundingPassage[];
  temperature?: number;
  maxOutputTokens?: number;
  abortSignal?: AbortSignal;
  /** For the engine's call records; providers ignore it. */
  attribution?: CallAttribution;
}

export interface ChatUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache, when reported. */
  cachedInputTokens?: number;
}

export interface ChatResponse {
  text: string;
  usage: ChatUsage;
  latencyMs: number;
  /** Time to the first streamed token; `null` when the call did not stream. */
  timeToFirstTokenMs: number | null;
  finishReason: "stop" | "length" | "other";
  /** Cost of the call; `null` when the price is unknown. */
  costUsd: number | null;
  /**
   * Set by the engine when the response came from its cache instead of the
   * provider; providers leave it unset.
   */
  isCached?: boolean;
}

/** A model that answers a prompt. */
export interface ChatModel {
  readonly provider: string;
  readonly modelId: string;
  generate(request: ChatRequest): Promise<ChatResponse>;
}
