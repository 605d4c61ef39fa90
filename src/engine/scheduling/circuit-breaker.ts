import {
  ProviderCallError,
  type ProviderErrorClass,
} from "../../errors/provider-call-error.js";
import { checkNumberOption } from "./check-number-option.js";
import type { Clock } from "./clock.js";

/** When a provider's circuit opens and for how long. */
export interface CircuitBreakerOptions {
  /** Consecutive failed attempts that open the circuit. @default 10 */
  failureThreshold: number;
  /** How long an open circuit refuses calls before a trial. @default 30000 */
  cooldownMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER_OPTIONS: Readonly<CircuitBreakerOptions> =
  { failureThreshold: 10, cooldownMs: 30_000 };

/** `half-open`: the cooldown is over and one trial call may go, or is going. */
export type CircuitState = "closed" | "open" | "half-open";

/** Leave to start one attempt; the attempt's end must be reported once. */
export interface CircuitPass {
  /** Whether this attempt is the one trial of a half-open circuit. */
  readonly isTrial: boolean;
  /** `null` for success, else what the attempt threw. */
  report(error: unknown): void;
}

/**
 * Failures that say the provider itself is unwell. Rate limits say it is
 * busy and answering; auth and bad requests say the caller is wrong.
 */
const CIRCUIT_FAILURE_CLASSES: ReadonlySet<ProviderErrorClass> = new Set([
  "server",
  "timeout",
  "network",
  "bad_response",
]);

/** Whether an attempt's error counts towards opening a circuit. */
export function isCircuitFailure(error: unknown): boolean {
  return (
    error instanceof ProviderCallError &&
    CIRCUIT_FAILURE_CLASSES.has(error.errorClass)
  );
}

/** Fills in defaults and checks every field. */
export function resolveCircuitBreakerOptions(
  input: Partial<CircuitBreakerOptions> = {},
  fieldPath = "circuitBreaker",
): CircuitBreakerOptions {
  const defaults = DEFAULT_CIRCUIT_BREAKER_OPTIONS;
  const threshold = input.failureThreshold ?? defaults.failureThreshold;
  const cooldownMs = input.cooldownMs ?? defaults.cooldownMs;
  return {
    failureThreshold: checkNumberOption(
      `${fieldPath}.failureThreshold`,
      threshold,
      { minimum: 1, isWhole: true },
    ),
    cooldownMs: checkNumberOption(`${fieldPath}.cooldownMs`, cooldownMs, {
      minimum: 0,
    }),
  };
}

/**
 * Stops calling a provider that keeps failing. After `failureThreshold`
 * consecutive failed attempts (see `isCircuitFailure`) the circuit opens
 * and calls fail fast for `cooldownMs`; then one trial call goes through.
 * Its success closes the circuit, its failure opens it again, and any
 * other ending (a rate limit, an abort) lets the next call be the trial.
 *
 * Attempts that started before the circuit last opened report into the
 * past: their outcomes are ignored, so a straggler cannot close a circuit
 * or open it a second time.
 */
export class CircuitBreaker {
  readonly provider: string;
  readonly #options: CircuitBreakerOptions;
  readonly #clock: Clock;
  readonly #onOpen: (provider: string, error: unknown) => void;
  #phase: "closed" | "open" | "trial" = "closed";
  #consecutiveFailures = 0;
  #openedAtMs = 0;
  /** Counts openings; a pass from an earlier one is stale. */
  #generation = 0;
  #lastError: unknown = null;

  constructor(
    provider: string,
    options: CircuitBreakerOptions,
    clock: Clock,
    onOpen: (provider: string, error: unknown) => void = () => {},
  ) {
    this.provider = provider;
    this.#options = options;
    this.#clock = clock;
    this.#onOpen = onOpen;
  }

  get state(): CircuitState {
    if (this.#phase === "closed") return "closed";
    return this.#phase === "trial" || this.#remainingCooldownMs() === 0
      ? "half-open"
      : "open";
  }

  /** Throws the `circuit_open` error a call would get now; claims nothing. */
  check(modelId: string): void {
    const refusal = this.#refusal(modelId);
    if (refusal !== null) throw refusal;
  }

  /**
   * Lets an attempt start, claiming the trial when one is due; throws a
   * `circuit_open` ProviderCallError, not retryable, while open.
   */
  admit(modelId: string): CircuitPass {
    this.check(modelId);
    const isTrial = this.#phase === "open";
    if (isTrial) this.#phase = "trial";
    const generation = this.#generation;
    let isReported = false;
    return {
      isTrial,
      report: (error) => {
        if (isReported || generation !== this.#generation) return;
        isReported = true;
        this.#record(error, isTrial);
      },
    };
  }

  #record(error: unknown, isTrial: boolean): void {
    if (error === null) {
      this.#consecutiveFailures = 0;
      this.#phase = "closed";
    } else if (isCircuitFailure(error)) {
      this.#consecutiveFailures++;
      this.#lastError = error;
      const isOverThreshold =
        this.#consecutiveFailures >= this.#options.failureThreshold;
      if (isTrial || isOverThreshold) this.#open(error);
    } else if (isTrial) {
      // Neither proof of health nor of failure: the next call tries again.
      this.#phase = "open";
    }
  }

  #open(error: unknown): void {
    this.#phase = "open";
    this.#openedAtMs = this.#clock.now();
    this.#generation++;
    this.#onOpen(this.provider, error);
  }

  #remainingCooldownMs(): number {
    const reopensAtMs = this.#openedAtMs + this.#options.cooldownMs;
    return Math.max(0, reopensAtMs - this.#clock.now());
  }

  #refusal(modelId: string): ProviderCallError | null {
    if (this.#phase === "closed") return null;
    const remainingMs = this.#remainingCooldownMs();
    if (this.#phase === "open" && remainingMs === 0) return null;

    const message =
      this.#phase === "trial"
        ? `${this.provider}: circuit half-open; a trial call is checking ` +
          "whether the provider has recovered"
        : `${this.provider}: circuit open after ` +
          `${this.#consecutiveFailures} consecutive failed attempts ` +
          `(last: ${describeError(this.#lastError)}); calls fail fast ` +
          `for another ${Math.ceil(remainingMs / 1_000)} s`;
    return new ProviderCallError(
      message,
      {
        provider: this.provider,
        modelId,
        errorClass: "circuit_open",
        isRetryable: false,
        retryAfterMs: this.#phase === "trial" ? null : remainingMs,
      },
      { cause: this.#lastError },
    );
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
