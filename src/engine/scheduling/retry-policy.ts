import { checkNumberOption } from "./check-number-option.js";

/** How failed calls are tried again. */
export interface RetryPolicy {
  /** Tries in all, the first included. @default 4 */
  maxAttempts: number;
  /** Back-off ceiling after the first failure. @default 500 */
  initialDelayMs: number;
  /** Largest back-off ceiling; the server's Retry-After may exceed it. @default 30000 */
  maxDelayMs: number;
  /** Limit on each attempt, not on the call as a whole. @default 60000 */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 4,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 60_000,
};

/**
 * Longest Retry-After honoured. A server that asks for an hour is more
 * likely misconfigured than right, and a run should not hang on it.
 */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** Fills in defaults and checks every field. */
export function resolveRetryPolicy(
  input: Partial<RetryPolicy> = {},
  fieldPath = "retry",
): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...definedFields(input) };
  const check = (name: keyof RetryPolicy, minimum: number, isWhole = false) =>
    checkNumberOption(`${fieldPath}.${name}`, policy[name], {
      minimum,
      isWhole,
    });
  return {
    maxAttempts: check("maxAttempts", 1, true),
    initialDelayMs: check("initialDelayMs", 0),
    maxDelayMs: check("maxDelayMs", 0),
    timeoutMs: check("timeoutMs", 1),
  };
}

/**
 * Milliseconds to wait after attempt `attempt` (from 1) failed: "full
 * jitter" back-off, a uniform draw below a ceiling that doubles from
 * `initialDelayMs` up to `maxDelayMs`, so callers that failed together
 * come back apart. A server's `retryAfterMs` is a floor on the wait, even
 * above `maxDelayMs`, up to `MAX_RETRY_AFTER_MS`.
 */
export function computeRetryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | null,
  random: () => number,
): number {
  const ceilingMs = Math.min(
    policy.maxDelayMs,
    policy.initialDelayMs * 2 ** (attempt - 1),
  );
  const backoffMs = random() * ceilingMs;
  const serverMs = Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
  return Math.max(serverMs, backoffMs);
}

/** `{ a: undefined }` must not replace a default with `undefined`. */
function definedFields(input: Partial<RetryPolicy>): Partial<RetryPolicy> {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  );
}
