import { describe, expect, it } from "vitest";
import { FmopsError } from "../../errors/fmops-error.js";
import {
  computeRetryDelayMs,
  MAX_RETRY_AFTER_MS,
  resolveRetryPolicy,
} from "./retry-policy.js";

const policy = resolveRetryPolicy();
const half = () => 0.5;

describe("resolveRetryPolicy", () => {
  it("fills in the documented defaults", () => {
    expect(policy).toEqual({
      maxAttempts: 4,
      initialDelayMs: 500,
      maxDelayMs: 30_000,
      timeoutMs: 60_000,
    });
  });

  it("keeps given fields and ignores undefined ones", () => {
    const resolved = resolveRetryPolicy({
      maxAttempts: 2,
      timeoutMs: undefined,
    });
    expect(resolved.maxAttempts).toBe(2);
    expect(resolved.timeoutMs).toBe(60_000);
  });

  it("refuses values a policy cannot use, naming the field", () => {
    const build = () => resolveRetryPolicy({ maxAttempts: 0 });
    expect(build).toThrow(FmopsError);
    expect(build).toThrow(
      "retry.maxAttempts: expected a whole number of at least 1, " +
        "got 0 (number)",
    );
    expect(() => resolveRetryPolicy({ initialDelayMs: -1 })).toThrow(
      "retry.initialDelayMs: expected a number of at least 0",
    );
  });
});

describe("computeRetryDelayMs", () => {
  it("draws below a ceiling that doubles from the initial delay", () => {
    // Ceilings 500, 1,000, 2,000 ms; half of each.
    expect(computeRetryDelayMs(policy, 1, null, half)).toBe(250);
    expect(computeRetryDelayMs(policy, 2, null, half)).toBe(500);
    expect(computeRetryDelayMs(policy, 3, null, half)).toBe(1_000);
  });

  it("stops doubling at the maximum delay", () => {
    // 500 x 2^9 = 256,000 is over 30,000, so the ceiling is 30,000.
    expect(computeRetryDelayMs(policy, 10, null, half)).toBe(15_000);
    expect(computeRetryDelayMs(policy, 10, null, () => 0)).toBe(0);
  });

  it("waits at least as long as the server asked", () => {
    expect(computeRetryDelayMs(policy, 1, 2_000, half)).toBe(2_000);
    // The jitter draw (250) is longer than the 100 ms asked for.
    expect(computeRetryDelayMs(policy, 1, 100, half)).toBe(250);
  });

  it("honours a Retry-After above the maximum delay up to five minutes", () => {
    expect(computeRetryDelayMs(policy, 1, 120_000, half)).toBe(120_000);
    expect(computeRetryDelayMs(policy, 1, 3_600_000, half)).toBe(
      MAX_RETRY_AFTER_MS,
    );
    expect(MAX_RETRY_AFTER_MS).toBe(300_000);
  });
});
