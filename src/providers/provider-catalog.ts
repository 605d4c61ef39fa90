/** Embedders available on the `embedder` axis. */
export const EMBEDDER_IDS = ["local:bm25", "local:glove-100d"] as const;

export type EmbedderId = (typeof EMBEDDER_IDS)[number];

/** Chat models each provider offers, as `provider: model` in `models:`. */
export const CHAT_MODELS: Record<string, readonly string[]> = {
  local: ["extractive"],
};

export function isEmbedderId(value: string): value is EmbedderId {
  return (EMBEDDER_IDS as readonly string[]).includes(value);
}
