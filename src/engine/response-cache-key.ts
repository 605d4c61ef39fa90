import type { ChatRequest } from "../spec/chat-model.js";
import type { ModelSpec, ProviderSettings } from "../spec/experiment.js";
import { canonicalJson, sha256 } from "../util/hash.js";

/**
 * Changes whenever the key's recipe or the stored layout changes, so that
 * entries written by an older recipe stop matching instead of misleading.
 */
const KEY_RECIPE_VERSION = 1;

/**
 * Settings that can change the answer. Listed one by one rather than
 * filtered, so a setting added later stays out of the key until someone
 * decides it belongs: `apiKeyEnv` only names where a secret lives, and no
 * secret value is ever read here.
 */
const ANSWER_SETTINGS = [
  "baseUrl",
  "region",
  "endpoint",
  "command",
  "modulePath",
  "exportName",
] as const satisfies readonly (keyof ProviderSettings)[];

/**
 * Providers that send the model the messages alone. Every other provider
 * hands its model the whole request, so the question and passages decide
 * its answer as well.
 */
const MESSAGE_ONLY_PROVIDERS: ReadonlySet<string> = new Set([
  "openai",
  "bedrock",
]);

/**
 * The response cache key of a chat request: a sha256 over everything that
 * decides the answer — provider, model, generation parameters, the
 * settings that pick the server or program, and what the model is shown.
 * Parameters the request leaves out are those of the spec, which a
 * provider may apply on its own.
 */
export function chatCacheKey(spec: ModelSpec, request: ChatRequest): string {
  const readsWholeRequest = !MESSAGE_ONLY_PROVIDERS.has(spec.provider);
  return sha256(
    canonicalJson({
      recipe: KEY_RECIPE_VERSION,
      provider: spec.provider,
      model: spec.model,
      temperature: request.temperature ?? spec.temperature,
      maxOutputTokens: request.maxOutputTokens ?? spec.maxOutputTokens,
      settings: answerSettings(spec.settings),
      messages: request.messages,
      question: readsWholeRequest ? request.question : undefined,
      passages: readsWholeRequest ? request.passages : undefined,
    }),
  );
}

function answerSettings(
  settings: ProviderSettings | undefined,
): Record<string, unknown> {
  return Object.fromEntries(
    ANSWER_SETTINGS.map((name) => [name, settings?.[name]]),
  );
}
