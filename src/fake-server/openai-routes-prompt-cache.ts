import { createHash } from "node:crypto";

/** OpenAI caches prompts from this length on… */
const MINIMUM_CACHED_TOKENS = 1_024;
/** …in steps of this many tokens. */
const CACHE_STEP_TOKENS = 128;

/** Prompts each running server has seen; a server's options key its set. */
const seenPrompts = new WeakMap<object, Set<string>>();

/**
 * Input tokens the fake reports as served from OpenAI's prompt cache. It
 * mimics the documented rule for an exact repeat: prompts of 1,024 tokens
 * or more that were seen before hit the cache, counted down to a multiple
 * of 128. Partial prefix matches are not simulated.
 */
export function cachedPromptTokens(
  server: object,
  messageTexts: readonly string[],
  promptTokens: number,
): number {
  const prompts = seenPrompts.get(server) ?? new Set<string>();
  seenPrompts.set(server, prompts);
  const key = createHash("sha256")
    .update(JSON.stringify(messageTexts))
    .digest("hex");
  const isRepeat = prompts.has(key);
  prompts.add(key);
  if (!isRepeat || promptTokens < MINIMUM_CACHED_TOKENS) return 0;
  return Math.floor(promptTokens / CACHE_STEP_TOKENS) * CACHE_STEP_TOKENS;
}
