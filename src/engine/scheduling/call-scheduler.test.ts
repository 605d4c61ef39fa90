import { describe, expect, it } from "vitest";
import { FmopsError } from "../../errors/fmops-error.js";
import {
  ProviderCallError,
  type ProviderErrorClass,
} from "../../errors/provider-call-error.js";
import {
  type AttemptOutcome,
  CallScheduler,
  type CallSchedulerOptions,
} from "./call-scheduler.js";
import { RetriesExhaustedError } from "./retries-exhausted-error.js";
import { VirtualClock } from "./virtual-clock.test-support.js";

function providerError(
  errorClass: ProviderErrorClass,
  retryAfterMs: number | null = null,
): ProviderCallError {
  return new ProviderCallError(`openai said ${errorClass}`, {
    provider: "openai",
    modelId: "gpt-4o-mini",
    errorClass,
    isRetryable: errorClass !== "bad_request" && errorClass !== "auth",
    retryAfterMs,
  });
}

function setUp(options: Omit<CallSchedulerOptions, "clock"> = {}) {
  const clock = new VirtualClock();
  const outcomes: AttemptOutcome[] = [];
  const openings: unknown[] = [];
  const scheduler = new CallScheduler({
    random: () => 0.5,
    onAttemptEnd: (outcome) => outcomes.push(outcome),
    onCircuitOpen: (_, error) => openings.push(error),
    ...options,
    clock,
  });
  /** When each attempt of the scripted calls started. */
  const attemptStartsMs: number[] = [];
  /** An attempt that fails with `errors[i]` on try i + 1, then answers. */
  const scripted =
    (errors: unknown[]) =>
    async ({ attempt }: { attempt: number }) => {
      attemptStartsMs.push(clock.now());
      const error = errors[attempt - 1];
      if (error !== undefined) throw error;
      return `answer on try ${attempt}`;
    };
  const call = { provider: "openai", modelId: "gpt-4o-mini" };
  return {
    clock,
    scheduler,
    outcomes,
    openings,
    attemptStartsMs,
    scripted,
    call,
  };
}

/** Never settles and never looks at its signal: the worst provider. */
const hang = () => new Promise<never>(() => {});

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("CallScheduler retries", () => {
  it("returns the first success and reports each attempt", async () => {
    const { clock, scheduler, outcomes, scripted, call } = setUp();
    const rateLimit = providerError("rate_limit", 2_000);

    const answer = await scheduler.run(
      { ...call, estimatedTokens: 10 },
      scripted([rateLimit]),
    );

    expect(answer).toBe("answer on try 2");
    // The deadline timers were cleared: nothing would keep a process alive.
    expect(clock.pendingTimerCount).toBe(0);
    expect(outcomes).toEqual([
      {
        provider: "openai",
        attempt: 1,
        error: rateLimit,
        willRetry: true,
        delayMs: 2_000,
      },
      {
        provider: "openai",
        attempt: 2,
        error: null,
        willRetry: false,
        delayMs: 0,
      },
    ]);
  });

  it("waits exactly the server's retryAfterMs when it exceeds the jitter", async () => {
    const { scheduler, attemptStartsMs, scripted, call } = setUp();
    // Jitter draws with random 0.5: 250 ms after try 1, 500 after try 2.
    const errors = [
      providerError("rate_limit", 2_000),
      providerError("server", 1),
      providerError("rate_limit", 45_000),
    ];

    await scheduler.run({ ...call, estimatedTokens: 0 }, scripted(errors));

    // 2,000 asked; then 500 from jitter (over the 1 asked); then 45,000,
    // above maxDelayMs (30,000) but honoured.
    expect(attemptStartsMs).toEqual([0, 2_000, 2_500, 47_500]);
  });

  it("keeps back-off within its doubling, capped ceiling", async () => {
    const { scheduler, attemptStartsMs, scripted, call } = setUp({
      retry: { maxAttempts: 6, initialDelayMs: 100, maxDelayMs: 1_000 },
      random: () => 0.75,
    });
    const errors = Array.from({ length: 6 }, () => providerError("server"));

    const error = await rejectionOf(
      scheduler.run({ ...call, estimatedTokens: 0 }, scripted(errors)),
    );

    // Ceilings 100, 200, 400, 800, then 1,000 (capped): gaps 3/4 of each.
    const gapsMs = attemptStartsMs.slice(1).map((startMs, index) => {
      return startMs - (attemptStartsMs[index] ?? 0);
    });
    expect(gapsMs).toEqual([75, 150, 300, 600, 750]);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
  });

  it("gives up with every attempt's error when the attempts run out", async () => {
    const { scheduler, outcomes, scripted, call } = setUp();
    const errors = Array.from({ length: 4 }, () => providerError("server"));

    const error = await rejectionOf(
      scheduler.run({ ...call, estimatedTokens: 0 }, scripted(errors)),
    );

    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error).toBeInstanceOf(FmopsError);
    const exhausted = error as RetriesExhaustedError;
    expect(exhausted.code).toBe("PROVIDER_ERROR");
    expect(exhausted.errors).toEqual(errors);
    expect(exhausted.message).toBe("openai said server");
    expect(exhausted.cause).toBe(errors[3]);
    expect(outcomes.map((outcome) => outcome.willRetry)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it("stops at once on an error that is not retryable", async () => {
    const { scheduler, attemptStartsMs, scripted, call } = setUp();
    const badRequest = providerError("bad_request");

    const error = await rejectionOf(
      scheduler.run({ ...call, estimatedTokens: 0 }, scripted([badRequest])),
    );

    expect(error).toBe(badRequest);
    expect(attemptStartsMs).toEqual([0]);
  });

  it("does not retry errors that are not provider call errors", async () => {
    const { scheduler, attemptStartsMs, scripted, call } = setUp();
    const bug = new TypeError("cannot read properties of undefined");

    const error = await rejectionOf(
      scheduler.run({ ...call, estimatedTokens: 0 }, scripted([bug])),
    );

    expect(error).toBe(bug);
    expect(attemptStartsMs).toHaveLength(1);
  });
});

describe("CallScheduler timeouts", () => {
  it("turns an attempt that outlives its deadline into a retryable timeout", async () => {
    const { clock, scheduler, outcomes, call } = setUp({
      retry: { maxAttempts: 2, timeoutMs: 1_000 },
      random: () => 0,
    });
    const signals: AbortSignal[] = [];

    const error = await rejectionOf(
      scheduler.run({ ...call, estimatedTokens: 0 }, ({ abortSignal }) => {
        signals.push(abortSignal);
        return hang();
      }),
    );

    // Two attempts of 1,000 ms each, no back-off with random 0.
    expect(clock.now()).toBe(2_000);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    const timeouts = (error as RetriesExhaustedError).errors;
    expect(
      timeouts.map((each) => (each as ProviderCallError).errorClass),
    ).toEqual(["timeout", "timeout"]);
    expect((error as Error).message).toBe(
      "openai: attempt 2 timed out after 1000 ms",
    );
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(outcomes[0]?.willRetry).toBe(true);
  });

  it("reports a timeout whatever the attempt throws when its signal aborts", async () => {
    const { scheduler, call } = setUp({
      retry: { maxAttempts: 1, timeoutMs: 500 },
    });

    const error = await rejectionOf(
      scheduler.run({ ...call, estimatedTokens: 0 }, ({ abortSignal }) => {
        return new Promise((_, reject) => {
          abortSignal.addEventListener("abort", () =>
            reject(providerError("network")),
          );
        });
      }),
    );

    const timeout = (error as RetriesExhaustedError).lastError;
    expect((timeout as ProviderCallError).errorClass).toBe("timeout");
  });

  it("frees the slot of a timed-out attempt for the next call", async () => {
    const { clock, scheduler, call } = setUp({
      limits: { openai: { concurrency: 1 } },
      retry: { maxAttempts: 1, timeoutMs: 1_000 },
    });

    const stuck = rejectionOf(
      scheduler.run({ ...call, estimatedTokens: 0 }, hang),
    );
    const next = scheduler.run({ ...call, estimatedTokens: 0 }, async () =>
      clock.now(),
    );

    expect(await next).toBe(1_000);
    await stuck;
  });
});

describe("CallScheduler circuit breaker", () => {
  it("fails fast once open, then closes after a successful trial", async () => {
    const { clock, scheduler, openings, call } = setUp({
      retry: { maxAttempts: 1 },
      circuitBreaker: { failureThreshold: 3, cooldownMs: 10_000 },
    });
    const failing = { ...call, estimatedTokens: 0 };
    const failures = [1, 2, 3].map(() => providerError("server"));
    for (const failure of failures) {
      await rejectionOf(
        scheduler.run(failing, async () => Promise.reject(failure)),
      );
    }
    expect(openings).toEqual([failures[2]]);
    expect(scheduler.circuitStateOf("openai")).toBe("open");

    let attemptCount = 0;
    const succeed = async () => {
      attemptCount++;
      return "ok";
    };
    const refusal = await rejectionOf(scheduler.run(failing, succeed));
    expect((refusal as ProviderCallError).errorClass).toBe("circuit_open");
    expect((refusal as ProviderCallError).modelId).toBe("gpt-4o-mini");
    expect(attemptCount).toBe(0);

    await clock.sleep(10_000);
    expect(await scheduler.run(failing, succeed)).toBe("ok");
    expect(scheduler.circuitStateOf("openai")).toBe("closed");
    expect(openings).toHaveLength(1);
  });

  it("keeps circuits apart per provider", async () => {
    const { scheduler, call } = setUp({
      retry: { maxAttempts: 1 },
      circuitBreaker: { failureThreshold: 1 },
    });
    await rejectionOf(
      scheduler.run({ ...call, estimatedTokens: 0 }, () =>
        Promise.reject(providerError("server")),
      ),
    );

    expect(scheduler.circuitStateOf("openai")).toBe("open");
    expect(scheduler.circuitStateOf("bedrock")).toBe("closed");
  });
});

describe("CallScheduler abort", () => {
  it("stops during back-off without another attempt", async () => {
    const { clock, scheduler, attemptStartsMs, scripted, call } = setUp();
    const controller = new AbortController();
    const reason = new Error("interrupted");
    void clock.sleep(1_000).then(() => controller.abort(reason));

    const error = await rejectionOf(
      scheduler.run(
        { ...call, estimatedTokens: 0, abortSignal: controller.signal },
        scripted([providerError("rate_limit", 20_000)]),
      ),
    );

    expect(clock.now()).toBe(1_000);
    expect(attemptStartsMs).toEqual([0]);
    expect(error).toBeInstanceOf(ProviderCallError);
    expect((error as ProviderCallError).errorClass).toBe("aborted");
    expect((error as ProviderCallError).isRetryable).toBe(false);
    expect((error as Error).message).toBe("openai: call aborted: interrupted");
    expect((error as Error).cause).toBe(reason);
  });

  it("stops an attempt in flight even if it ignores its signal", async () => {
    const { clock, scheduler, outcomes, call } = setUp();
    const controller = new AbortController();
    void clock.sleep(300).then(() => controller.abort());

    const error = await rejectionOf(
      scheduler.run(
        { ...call, estimatedTokens: 0, abortSignal: controller.signal },
        hang,
      ),
    );

    expect(clock.now()).toBe(300);
    expect((error as ProviderCallError).errorClass).toBe("aborted");
    expect(outcomes).toEqual([
      { provider: "openai", attempt: 1, error, willRetry: false, delayMs: 0 },
    ]);
  });

  it("stops waiting for a rate limit and never calls the attempt", async () => {
    const { clock, scheduler, call } = setUp({
      limits: { openai: { requestsPerMinute: 1 } },
    });
    await scheduler.run({ ...call, estimatedTokens: 0 }, async () => "first");
    const controller = new AbortController();
    void clock.sleep(5_000).then(() => controller.abort());

    let attemptCount = 0;
    const error = await rejectionOf(
      scheduler.run(
        { ...call, estimatedTokens: 0, abortSignal: controller.signal },
        async () => {
          attemptCount++;
          return "second";
        },
      ),
    );

    expect(clock.now()).toBe(5_000);
    expect((error as ProviderCallError).errorClass).toBe("aborted");
    expect(attemptCount).toBe(0);
  });

  it("refuses a call whose signal is already aborted", async () => {
    const { scheduler, attemptStartsMs, scripted, call } = setUp();
    const error = await rejectionOf(
      scheduler.run(
        { ...call, estimatedTokens: 0, abortSignal: AbortSignal.abort() },
        scripted([]),
      ),
    );

    expect((error as ProviderCallError).errorClass).toBe("aborted");
    expect(attemptStartsMs).toEqual([]);
  });
});

describe("CallScheduler options", () => {
  it("refuses bad limits when it is built, not at the first call", () => {
    expect(
      () => new CallScheduler({ limits: { openai: { concurrency: 0 } } }),
    ).toThrow(
      "limits.openai.concurrency: expected a whole number of at least 1, " +
        "got 0 (number)",
    );
  });
});
