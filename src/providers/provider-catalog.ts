/** Embedders that run offline, built into fmops. */
export const LOCAL_EMBEDDER_IDS = ["local:bm25", "local:glove-100d"] as const;

/** Providers whose embedding models are named freely: `openai:MODEL`. */
export const REMOTE_EMBEDDER_PROVIDERS = ["openai", "bedrock"] as const;

/** In words, for error messages. */
export const EMBEDDER_ID_HELP =
  "local:bm25, local:glove-100d, openai:MODEL or bedrock:MODEL";

/**
 * Chat providers, with the models each offers where the list is closed;
 * `null` where any model id the provider serves is accepted.
 */
export const CHAT_PROVIDERS: Record<string, readonly string[] | null> = {
  local: ["extractive"],
  openai: null,
  bedrock: null,
  exec: null,
  module: null,
  langchain: null,
};

/** `openai:text-embedding-3-small` → provider and model (split at the first colon). */
export function parseEmbedderId(
  id: string,
): { provider: string; model: string } | null {
  const colon = id.indexOf(":");
  if (colon <= 0 || colon === id.length - 1) return null;
  return { provider: id.slice(0, colon), model: id.slice(colon + 1) };
}

export function isEmbedderId(value: string): boolean {
  if ((LOCAL_EMBEDDER_IDS as readonly string[]).includes(value)) return true;
  const parsed = parseEmbedderId(value);
  return (
    parsed !== null &&
    (REMOTE_EMBEDDER_PROVIDERS as readonly string[]).includes(parsed.provider)
  );
}
