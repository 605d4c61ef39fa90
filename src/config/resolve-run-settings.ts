import type {
  PriceSpec,
  ProviderLimitsSpec,
  ResolvedExperiment,
  RetrySpec,
} from "../spec/experiment.js";
import type { ExperimentInput } from "./experiment-input.js";
import type { Resolution } from "./resolution.js";

type RunSettings = Pick<
  ResolvedExperiment,
  "limits" | "retry" | "prices" | "isCacheEnabled"
>;

const DEFAULT_RETRY: RetrySpec = {
  maxAttempts: 4,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 60_000,
};

/** How provider calls are limited, retried, priced and cached. */
export function resolveRunSettings(
  input: ExperimentInput,
  resolution: Resolution,
): RunSettings {
  return {
    limits: resolveLimits(input.limits),
    retry: resolveRetry(input.retry, resolution),
    prices: resolvePrices(input.prices, resolution),
    isCacheEnabled: input.cache,
  };
}

function resolveLimits(
  input: ExperimentInput["limits"],
): Record<string, ProviderLimitsSpec> {
  const limits: Record<string, ProviderLimitsSpec> = {};
  for (const [provider, written] of Object.entries(input ?? {})) {
    const spec: ProviderLimitsSpec = {};
    if (written.concurrency !== undefined)
      spec.concurrency = written.concurrency;
    if (written.rpm !== undefined) spec.requestsPerMinute = written.rpm;
    if (written.tpm !== undefined) spec.tokensPerMinute = written.tpm;
    limits[provider] = spec;
  }
  return limits;
}

function resolveRetry(
  input: ExperimentInput["retry"],
  resolution: Resolution,
): RetrySpec {
  if (input === undefined) return DEFAULT_RETRY;
  if (input.max_delay_ms < input.initial_delay_ms) {
    resolution.report(
      ["retry", "max_delay_ms"],
      `a delay no shorter than initial_delay_ms (${input.initial_delay_ms})`,
      String(input.max_delay_ms),
    );
  }
  return {
    maxAttempts: input.max_attempts,
    initialDelayMs: input.initial_delay_ms,
    maxDelayMs: input.max_delay_ms,
    timeoutMs: input.timeout_ms,
  };
}

function resolvePrices(
  input: ExperimentInput["prices"],
  resolution: Resolution,
): Record<string, PriceSpec> {
  const prices: Record<string, PriceSpec> = {};
  for (const [key, written] of Object.entries(input ?? {})) {
    if (!/^[^:\s]+:\S+$/.test(key)) {
      resolution.report(
        ["prices", key],
        "a key of the form provider:model",
        `"${key}"`,
      );
      continue;
    }
    const spec: PriceSpec = { input: written.input, output: written.output };
    if (written.cached_input !== undefined)
      spec.cachedInput = written.cached_input;
    if (written.per_request !== undefined)
      spec.perRequest = written.per_request;
    prices[key] = spec;
  }
  return prices;
}
