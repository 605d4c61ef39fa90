import { checkNumberOption } from "./check-number-option.js";
import type { Clock } from "./clock.js";
import { createPerMinuteBucket } from "./per-minute-bucket.js";
import type { ProviderLimits } from "./provider-limits.js";
import { type ReleaseSlot, Semaphore } from "./semaphore.js";
import type { TokenBucket } from "./token-bucket.js";

const WHOLE_AT_LEAST_ONE = { minimum: 1, isWhole: true };

/**
 * Enforces one provider's limits: a slot among `concurrency`, then the
 * request's estimated tokens from the tokens-per-minute bucket, then one
 * token from the requests-per-minute bucket.
 *
 * The request bucket comes last so that a call starts the moment it gets
 * its request token. Taken earlier, calls that then waited for tokens
 * would start in a bunch later, and a window could hold more starts than
 * the bucket let through.
 */
export class RateLimiter {
  readonly #clock: Clock;
  readonly #slots: Semaphore | null;
  readonly #requestBucket: TokenBucket | null;
  readonly #tokenBucket: TokenBucket | null;

  /** `fieldPath` names the limits in error messages, e.g. `limits.openai`. */
  constructor(limits: ProviderLimits, clock: Clock, fieldPath = "limits") {
    const { concurrency, requestsPerMinute, tokensPerMinute } = limits;
    const check = (name: string, value: unknown) =>
      checkNumberOption(`${fieldPath}.${name}`, value, WHOLE_AT_LEAST_ONE);

    this.#clock = clock;
    this.#slots =
      concurrency === undefined
        ? null
        : new Semaphore(check("concurrency", concurrency));
    this.#requestBucket =
      requestsPerMinute === undefined
        ? null
        : createPerMinuteBucket(check("requestsPerMinute", requestsPerMinute));
    this.#tokenBucket =
      tokensPerMinute === undefined
        ? null
        : createPerMinuteBucket(check("tokensPerMinute", tokensPerMinute));
  }

  /** Calls holding a slot now; 0 when concurrency is not limited. */
  get activeCount(): number {
    return this.#slots?.activeCount ?? 0;
  }

  /**
   * Waits until a call of about `estimatedTokens` tokens may start, and
   * returns the function that frees its slot when the call settles. On
   * abort it rejects with the signal's reason and holds nothing.
   */
  async acquire(
    estimatedTokens: number,
    signal?: AbortSignal,
  ): Promise<ReleaseSlot> {
    const release = (await this.#slots?.acquire(signal)) ?? (() => {});
    try {
      const tokens = Math.ceil(Math.max(0, estimatedTokens));
      if (tokens > 0)
        await this.#tokenBucket?.take(tokens, this.#clock, signal);
      await this.#requestBucket?.take(1, this.#clock, signal);
      return release;
    } catch (error) {
      release();
      throw error;
    }
  }
}
