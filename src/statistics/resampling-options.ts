import { FmopsError } from "../errors/index.js";

/** How a resampling procedure (bootstrap, permutation test) is run. */
export interface ResamplingOptions {
  /**
   * Number of resamples. Fewer than 1,000 leave the interval ends and
   * p-values too coarse to trust, so smaller counts are refused.
   */
  resamples?: number;
  /** Coverage of the interval, strictly between 0 and 1. @default 0.95 */
  confidence?: number;
  /** Seed of the random generator, so results can be reproduced. @default 1 */
  seed?: number;
}

/** Resampling options with defaults applied and checked. */
export interface ResolvedResamplingOptions {
  resamples: number;
  confidence: number;
  seed: number;
}

/** Smallest resample count accepted. */
export const MINIMUM_RESAMPLES = 1_000;

/**
 * Applies `defaultResamples` and the shared defaults (confidence 0.95,
 * seed 1) and checks every value.
 *
 * @throws FmopsError (`USAGE`) naming the option, the value received and
 * what is allowed.
 */
export function resolveResamplingOptions(
  options: ResamplingOptions | undefined,
  defaultResamples: number,
): ResolvedResamplingOptions {
  const resolved = {
    resamples: options?.resamples ?? defaultResamples,
    confidence: options?.confidence ?? 0.95,
    seed: options?.seed ?? 1,
  };
  checkResamples(resolved.resamples);
  checkConfidence(resolved.confidence);
  if (!Number.isFinite(resolved.seed)) {
    throw usageError("seed", resolved.seed, "a finite number");
  }
  return resolved;
}

function checkResamples(resamples: number): void {
  if (!Number.isInteger(resamples) || resamples < MINIMUM_RESAMPLES) {
    throw usageError(
      "resamples",
      resamples,
      `an integer of at least ${MINIMUM_RESAMPLES}`,
    );
  }
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw usageError("confidence", confidence, "a number between 0 and 1");
  }
}

function usageError(option: string, received: number, expected: string) {
  return new FmopsError(
    "USAGE",
    `option ${option}: expected ${expected}, got ${String(received)}`,
  );
}
