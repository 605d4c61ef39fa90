import { ProviderCallError } from "../../errors/provider-call-error.js";
import {
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitPass,
  type CircuitState,
  resolveCircuitBreakerOptions,
} from "./circuit-breaker.js";
import { type Clock, systemClock } from "./clock.js";
import { createAbortedError } from "./create-aborted-error.js";
import type { ProviderLimits } from "./provider-limits.js";
import { RateLimiter } from "./rate-limiter.js";
import { RetriesExhaustedError } from "./retries-exhausted-error.js";
import {
  computeRetryDelayMs,
  type RetryPolicy,
  resolveRetryPolicy,
} from "./retry-policy.js";
import { type AttemptContext, runAttempt } from "./run-attempt.js";
import type { ReleaseSlot } from "./semaphore.js";

export type { AttemptContext } from "./run-attempt.js";

/** How one attempt ended; reported whether or not it will be retried. */
export interface AttemptOutcome {
  provider: string;
  /** Which try this was, from 1. */
  attempt: number;
  /** `null` when the attempt succeeded. */
  error: unknown | null;
  willRetry: boolean;
  /** Wait before the next attempt; 0 when there is none. */
  delayMs: number;
}

export interface CallSchedulerOptions {
  /** Limits per provider name; providers not named are not limited. */
  limits?: Record<string, ProviderLimits>;
  retry?: Partial<RetryPolicy>;
  circuitBreaker?: Partial<CircuitBreakerOptions>;
  /** @default systemClock */
  clock?: Clock;
  /** Source of back-off jitter in [0, 1). @default Math.random */
  random?: () => number;
  /** Called once each time a provider's circuit opens. */
  onCircuitOpen?: (provider: string, error: unknown) => void;
  /** Called after every attempt that started, before any back-off. */
  onAttemptEnd?: (outcome: AttemptOutcome) => void;
}

/** A call to schedule. */
export interface ScheduledCall {
  /** Provider name; limits and the circuit are kept per provider. */
  provider: string;
  /** Named in the errors the scheduler raises itself. @default "" */
  modelId?: string;
  /** Tokens the call is expected to use, for tokens-per-minute limits. */
  estimatedTokens: number;
  /** Aborting stops the call at once: no more attempts, no more waiting. */
  abortSignal?: AbortSignal;
}

/** What the scheduler keeps per provider. */
interface ProviderLane {
  limiter: RateLimiter;
  breaker: CircuitBreaker;
}

/**
 * Runs provider calls under per-provider rate limits, retries, per-attempt
 * timeouts and a circuit breaker. Providers themselves never retry or
 * wait; everything about pacing lives here.
 *
 * Each attempt fails fast on an open circuit, waits for the rate limiter,
 * is admitted by the circuit (which may make it the half-open trial) and
 * runs with a deadline. Errors that are not retryable ProviderCallErrors
 * end the call as they are; when the attempts run out the call fails with
 * a RetriesExhaustedError that keeps every attempt's error.
 */
export class CallScheduler {
  readonly retryPolicy: RetryPolicy;
  readonly #circuitOptions: CircuitBreakerOptions;
  readonly #limits: Record<string, ProviderLimits>;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #onCircuitOpen: (provider: string, error: unknown) => void;
  readonly #onAttemptEnd: (outcome: AttemptOutcome) => void;
  readonly #lanes = new Map<string, ProviderLane>();

  constructor(options: CallSchedulerOptions = {}) {
    this.retryPolicy = resolveRetryPolicy(options.retry);
    this.#circuitOptions = resolveCircuitBreakerOptions(options.circuitBreaker);
    this.#limits = options.limits ?? {};
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#onCircuitOpen = options.onCircuitOpen ?? (() => {});
    this.#onAttemptEnd = options.onAttemptEnd ?? (() => {});
    // Built now so that bad limits fail before the first call.
    for (const provider of Object.keys(this.#limits)) this.#laneOf(provider);
  }

  /** The circuit of `provider` as it stands now. */
  circuitStateOf(provider: string): CircuitState {
    return this.#laneOf(provider).breaker.state;
  }

  /** Runs `attempt` until it succeeds or the policy gives up. */
  async run<Result>(
    call: ScheduledCall,
    attempt: (context: AttemptContext) => Promise<Result>,
  ): Promise<Result> {
    const lane = this.#laneOf(call.provider);
    const errors: unknown[] = [];
    for (let attemptNumber = 1; ; attemptNumber++) {
      const outcome = await this.#attemptOnce(
        lane,
        call,
        attemptNumber,
        attempt,
      );
      const isRejected = outcome.status === "rejected";
      const error = isRejected ? outcome.reason : null;
      const delayMs = isRejected
        ? this.#retryDelayMs(error, attemptNumber)
        : null;
      this.#report(call.provider, attemptNumber, error, delayMs);

      if (outcome.status === "fulfilled") return outcome.value;
      errors.push(error);
      if (delayMs === null) throw finalError(call.provider, errors);
      await this.#sleep(delayMs, call);
    }
  }

  /**
   * Settles with the attempt's own result; throws only when no attempt
   * could start (open circuit, caller abort while waiting).
   */
  async #attemptOnce<Result>(
    lane: ProviderLane,
    call: ScheduledCall,
    attemptNumber: number,
    work: (context: AttemptContext) => Promise<Result>,
  ): Promise<PromiseSettledResult<Result>> {
    const modelId = call.modelId ?? "";
    lane.breaker.check(modelId);
    const release = await this.#acquireSlot(lane, call);
    try {
      const pass = lane.breaker.admit(modelId);
      return await this.#runAdmitted(pass, call, attemptNumber, work);
    } finally {
      release();
    }
  }

  async #runAdmitted<Result>(
    pass: CircuitPass,
    call: ScheduledCall,
    attemptNumber: number,
    work: (context: AttemptContext) => Promise<Result>,
  ): Promise<PromiseSettledResult<Result>> {
    try {
      const value = await runAttempt({
        provider: call.provider,
        modelId: call.modelId ?? "",
        attempt: attemptNumber,
        timeoutMs: this.retryPolicy.timeoutMs,
        clock: this.#clock,
        callerSignal: call.abortSignal,
        work,
      });
      pass.report(null);
      return { status: "fulfilled", value };
    } catch (error) {
      pass.report(error);
      return { status: "rejected", reason: error };
    }
  }

  async #acquireSlot(
    lane: ProviderLane,
    call: ScheduledCall,
  ): Promise<ReleaseSlot> {
    try {
      return await lane.limiter.acquire(call.estimatedTokens, call.abortSignal);
    } catch (error) {
      throw this.#asAbort(call, error);
    }
  }

  async #sleep(delayMs: number, call: ScheduledCall): Promise<void> {
    try {
      await this.#clock.sleep(delayMs, call.abortSignal);
    } catch (error) {
      throw this.#asAbort(call, error);
    }
  }

  /** A wait that the caller's abort cut short becomes an `aborted` error. */
  #asAbort(call: ScheduledCall, error: unknown): unknown {
    const signal = call.abortSignal;
    if (signal?.aborted !== true) return error;
    return createAbortedError(call.provider, call.modelId ?? "", signal.reason);
  }

  /** Milliseconds before the next attempt, or `null` for no next attempt. */
  #retryDelayMs(error: unknown, attemptNumber: number): number | null {
    const isRetryable = error instanceof ProviderCallError && error.isRetryable;
    if (!isRetryable || attemptNumber >= this.retryPolicy.maxAttempts) {
      return null;
    }
    const retryAfterMs = error.retryAfterMs;
    return computeRetryDelayMs(
      this.retryPolicy,
      attemptNumber,
      retryAfterMs,
      this.#random,
    );
  }

  #report(
    provider: string,
    attempt: number,
    error: unknown,
    delayMs: number | null,
  ): void {
    const willRetry = delayMs !== null;
    this.#onAttemptEnd({
      provider,
      attempt,
      error,
      willRetry,
      delayMs: delayMs ?? 0,
    });
  }

  #laneOf(provider: string): ProviderLane {
    const existing = this.#lanes.get(provider);
    if (existing !== undefined) return existing;
    const lane = {
      limiter: new RateLimiter(
        this.#limits[provider] ?? {},
        this.#clock,
        `limits.${provider}`,
      ),
      breaker: new CircuitBreaker(
        provider,
        this.#circuitOptions,
        this.#clock,
        this.#onCircuitOpen,
      ),
    };
    this.#lanes.set(provider, lane);
    return lane;
  }
}

/**
 * A retryable error that ran out of attempts becomes RetriesExhaustedError;
 * any other last error ends the call as it is.
 */
function finalError(provider: string, errors: unknown[]): unknown {
  const lastError = errors.at(-1);
  const isRetryable =
    lastError instanceof ProviderCallError && lastError.isRetryable;
  return isRetryable ? new RetriesExhaustedError(provider, errors) : lastError;
}
