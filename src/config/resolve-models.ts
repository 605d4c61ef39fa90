import { CHAT_MODELS } from "../providers/provider-catalog.js";
import type { ModelSpec } from "../spec/experiment.js";
import type { ExperimentInput, ModelInput } from "./experiment-input.js";
import type { Resolution } from "./resolution.js";

/**
 * The models declared under `models:`, by alias. Providers and models are
 * checked against the catalog; a model with a problem is still returned,
 * so that the matrix can refer to its alias without a second error.
 */
export function resolveModels(
  models: ExperimentInput["models"],
  resolution: Resolution,
): Map<string, ModelSpec> {
  const resolved = new Map<string, ModelSpec>();
  for (const [alias, model] of Object.entries(models ?? {})) {
    checkCatalog(alias, model, resolution);
    resolved.set(alias, toModelSpec(alias, model));
  }
  return resolved;
}

function checkCatalog(
  alias: string,
  model: ModelInput,
  resolution: Resolution,
): void {
  const offered = CHAT_MODELS[model.provider];
  if (offered === undefined) {
    const providers = Object.keys(CHAT_MODELS).join(", ");
    resolution.report(["models", alias, "provider"], `one of ${providers}`);
    return;
  }
  if (!offered.includes(model.model)) {
    resolution.report(
      ["models", alias, "model"],
      `one of the ${model.provider} models ${offered.join(", ")}`,
    );
  }
}

function toModelSpec(alias: string, model: ModelInput): ModelSpec {
  const spec: ModelSpec = {
    alias,
    provider: model.provider,
    model: model.model,
  };
  if (model.temperature !== undefined) spec.temperature = model.temperature;
  if (model.max_output_tokens !== undefined) {
    spec.maxOutputTokens = model.max_output_tokens;
  }
  return spec;
}
