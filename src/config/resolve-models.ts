import { existsSync } from "node:fs";
import { CHAT_PROVIDERS } from "../providers/provider-catalog.js";
import type { ModelSpec, ProviderSettings } from "../spec/experiment.js";
import type { ExperimentInput, ModelInput } from "./experiment-input.js";
import type { FieldPath } from "./field-path.js";
import type { Resolution } from "./resolution.js";

/** Settings each provider understands; any other given is a mistake. */
const SETTINGS_BY_PROVIDER: Record<string, readonly (keyof ModelInput)[]> = {
  local: [],
  openai: ["base_url", "api_key_env", "stream"],
  bedrock: ["region", "endpoint", "stream"],
  exec: ["command"],
  module: ["module", "export"],
  langchain: ["module", "export"],
};

const CONNECTION_KEYS: readonly (keyof ModelInput)[] = [
  "base_url",
  "api_key_env",
  "region",
  "endpoint",
  "stream",
  "command",
  "module",
  "export",
];

/**
 * The models declared under `models:`, by alias. Providers and models are
 * checked against the catalog and each provider's settings against what it
 * needs; a model with a problem is still returned, so that the matrix can
 * refer to its alias without a second error.
 */
export function resolveModels(
  models: ExperimentInput["models"],
  resolution: Resolution,
): Map<string, ModelSpec> {
  const resolved = new Map<string, ModelSpec>();
  for (const [alias, model] of Object.entries(models ?? {})) {
    resolved.set(
      alias,
      resolveModel(alias, model, ["models", alias], resolution),
    );
  }
  return resolved;
}

/**
 * One model entry written at `at` (under `models:`, or `judge:`), checked
 * as `resolveModels` checks each; it is returned even with a problem.
 */
export function resolveModel(
  alias: string,
  model: ModelInput,
  at: FieldPath,
  resolution: Resolution,
): ModelSpec {
  if (checkCatalog(at, model, resolution)) {
    checkSettings(at, model, resolution);
  }
  return toModelSpec(alias, model, resolution);
}

/** True when the provider is known, so its settings can be checked. */
function checkCatalog(
  at: FieldPath,
  model: ModelInput,
  resolution: Resolution,
): boolean {
  const offered = CHAT_PROVIDERS[model.provider];
  if (offered === undefined) {
    const providers = Object.keys(CHAT_PROVIDERS).join(", ");
    resolution.report([...at, "provider"], `one of ${providers}`);
    return false;
  }
  if (offered !== null && !offered.includes(model.model)) {
    resolution.report(
      [...at, "model"],
      `one of the ${model.provider} models ${offered.join(", ")}`,
    );
  }
  return true;
}

function checkSettings(
  at: FieldPath,
  model: ModelInput,
  resolution: Resolution,
): void {
  const allowed = SETTINGS_BY_PROVIDER[model.provider] ?? [];
  for (const key of CONNECTION_KEYS) {
    if (model[key] !== undefined && !allowed.includes(key)) {
      const accepted = allowed.length === 0 ? "none" : allowed.join(", ");
      resolution.report(
        [...at, key],
        `no ${key} for provider ${model.provider} (its settings: ${accepted})`,
        "a value",
      );
    }
  }
  if (model.provider === "exec" && model.command === undefined) {
    resolution.report(at, "a `command` for provider exec");
  }
  const needsModule =
    model.provider === "module" || model.provider === "langchain";
  if (needsModule) checkModulePath(at, model, resolution);
}

function checkModulePath(
  at: FieldPath,
  model: ModelInput,
  resolution: Resolution,
): void {
  if (model.module === undefined) {
    resolution.report(at, `a \`module\` for provider ${model.provider}`);
    return;
  }
  if (!existsSync(resolution.absolutePath(model.module))) {
    resolution.report(
      [...at, "module"],
      "a .js or .ts file that exists",
      `"${model.module}", where nothing exists`,
    );
  }
}

function toModelSpec(
  alias: string,
  model: ModelInput,
  resolution: Resolution,
): ModelSpec {
  const spec: ModelSpec = {
    alias,
    provider: model.provider,
    model: model.model,
  };
  if (model.temperature !== undefined) spec.temperature = model.temperature;
  if (model.max_output_tokens !== undefined) {
    spec.maxOutputTokens = model.max_output_tokens;
  }
  const settings = toSettings(model, resolution);
  if (Object.keys(settings).length > 0) spec.settings = settings;
  return spec;
}

function toSettings(
  model: ModelInput,
  resolution: Resolution,
): ProviderSettings {
  const settings: ProviderSettings = {};
  if (model.base_url !== undefined) settings.baseUrl = model.base_url;
  if (model.api_key_env !== undefined) settings.apiKeyEnv = model.api_key_env;
  if (model.region !== undefined) settings.region = model.region;
  if (model.endpoint !== undefined) settings.endpoint = model.endpoint;
  if (model.stream !== undefined) settings.stream = model.stream;
  if (model.command !== undefined)
    settings.command = splitCommand(model.command);
  if (model.module !== undefined) {
    settings.modulePath = resolution.absolutePath(model.module);
  }
  if (model.export !== undefined) settings.exportName = model.export;
  return settings;
}

/** `["node reader.mjs"]` → `["node", "reader.mjs"]`; lists stay as written. */
function splitCommand(command: string[]): string[] {
  const [only] = command;
  if (command.length === 1 && only !== undefined) {
    return only.trim().split(/\s+/);
  }
  return command;
}
