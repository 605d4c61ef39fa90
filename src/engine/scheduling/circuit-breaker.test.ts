import { describe, expect, it } from "vitest";
import type { ProviderErrorClass } from "../../errors/provider-call-error.js";
import { ProviderCallError } from "../../errors/provider-call-error.js";
import {
  CircuitBreaker,
  resolveCircuitBreakerOptions,
} from "./circuit-breaker.js";
import { VirtualClock } from "./virtual-clock.test-support.js";

function failure(errorClass: ProviderErrorClass): ProviderCallError {
  return new ProviderCallError(`${errorClass} failure`, {
    provider: "openai",
    modelId: "gpt-4o-mini",
    errorClass,
    isRetryable: errorClass !== "bad_request",
  });
}

function setUp(threshold = 3, cooldownMs = 10_000) {
  const clock = new VirtualClock();
  const openings: Array<{ provider: string; error: unknown }> = [];
  const breaker = new CircuitBreaker(
    "openai",
    { failureThreshold: threshold, cooldownMs },
    clock,
    (provider, error) => openings.push({ provider, error }),
  );
  /** Admits one attempt and reports how it ended. */
  const attempt = (error: unknown) => breaker.admit("m").report(error);
  return { clock, breaker, openings, attempt };
}

function refusalOf(breaker: CircuitBreaker): ProviderCallError {
  try {
    breaker.admit("gpt-4o-mini");
  } catch (error) {
    if (error instanceof ProviderCallError) return error;
  }
  throw new Error("expected the circuit to refuse the call");
}

describe("CircuitBreaker", () => {
  it("opens after the threshold of consecutive failures, once", () => {
    const { breaker, openings, attempt } = setUp();
    attempt(failure("server"));
    attempt(failure("timeout"));
    expect(breaker.state).toBe("closed");

    const third = failure("network");
    attempt(third);
    expect(breaker.state).toBe("open");
    expect(openings).toEqual([{ provider: "openai", error: third }]);

    const refusal = refusalOf(breaker);
    expect(refusal.errorClass).toBe("circuit_open");
    expect(refusal.isRetryable).toBe(false);
    expect(refusal.modelId).toBe("gpt-4o-mini");
    expect(refusal.retryAfterMs).toBe(10_000);
    expect(refusal.cause).toBe(third);
    expect(refusal.message).toBe(
      "openai: circuit open after 3 consecutive failed attempts " +
        "(last: network failure); calls fail fast for another 10 s",
    );
    refusalOf(breaker);
    expect(openings).toHaveLength(1);
  });

  it("is not opened by rate limits or bad requests, and a success resets it", () => {
    const { breaker, attempt } = setUp();
    attempt(failure("server"));
    attempt(failure("server"));
    attempt(failure("rate_limit"));
    attempt(failure("bad_request"));
    attempt(new TypeError("a bug"));
    expect(breaker.state).toBe("closed");

    attempt(null);
    attempt(failure("server"));
    attempt(failure("server"));
    expect(breaker.state).toBe("closed");
    attempt(failure("bad_response"));
    expect(breaker.state).toBe("open");
  });

  it("lets one trial through after the cooldown; its success closes it", async () => {
    const { clock, breaker, attempt } = setUp();
    for (let count = 0; count < 3; count++) attempt(failure("server"));

    await clock.sleep(9_999);
    expect(refusalOf(breaker).message).toContain("for another 1 s");
    await clock.sleep(1);
    expect(breaker.state).toBe("half-open");

    const trial = breaker.admit("m");
    expect(trial.isTrial).toBe(true);
    expect(refusalOf(breaker).message).toContain("a trial call is checking");
    trial.report(null);
    expect(breaker.state).toBe("closed");
    expect(breaker.admit("m").isTrial).toBe(false);
  });

  it("opens again when the trial fails, calling onOpen for each opening", async () => {
    const { clock, breaker, openings, attempt } = setUp();
    for (let count = 0; count < 3; count++) attempt(failure("server"));
    await clock.sleep(10_000);

    attempt(failure("timeout"));
    expect(breaker.state).toBe("open");
    expect(openings).toHaveLength(2);
    expect(refusalOf(breaker).retryAfterMs).toBe(10_000);
  });

  it("hands the trial to the next call when it proves nothing", async () => {
    const { clock, breaker, attempt } = setUp();
    for (let count = 0; count < 3; count++) attempt(failure("server"));
    await clock.sleep(10_000);

    attempt(failure("rate_limit"));
    expect(breaker.state).toBe("half-open");
    expect(breaker.admit("m").isTrial).toBe(true);
  });

  it("ignores attempts that started before the circuit opened", () => {
    const { breaker, openings, attempt } = setUp();
    const stragglers = [breaker.admit("m"), breaker.admit("m")];
    for (let count = 0; count < 3; count++) attempt(failure("server"));

    stragglers[0]?.report(failure("server"));
    stragglers[1]?.report(null);
    expect(breaker.state).toBe("open");
    expect(openings).toHaveLength(1);
  });

  it("resolves defaults and refuses a threshold below 1", () => {
    expect(resolveCircuitBreakerOptions()).toEqual({
      failureThreshold: 10,
      cooldownMs: 30_000,
    });
    expect(() => resolveCircuitBreakerOptions({ failureThreshold: 0 })).toThrow(
      "circuitBreaker.failureThreshold: expected a whole number of at least 1",
    );
  });
});
