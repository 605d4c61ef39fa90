import { raceWithAbort } from "../../util/race-with-abort.js";
import type { Clock } from "./clock.js";

/** Shape of a token bucket. */
export interface TokenBucketOptions {
  /** Most tokens the bucket holds; it starts full. */
  capacity: number;
  /** Tokens added per millisecond, continuously, up to `capacity`. */
  refillPerMs: number;
}

/**
 * A token bucket whose `take` waits until the tokens are there. Takers are
 * served first come, first served, so a big request is not starved by a
 * stream of small ones.
 *
 * A take larger than `capacity` could never be met; instead it waits until
 * the bucket is full and then takes everything it asked for, leaving the
 * bucket in debt. Later takes wait for the debt to be repaid, so the long
 * run rate still holds while the big request is not stuck forever.
 */
export class TokenBucket {
  readonly capacity: number;
  readonly refillPerMs: number;
  #level: number;
  /** When `#level` was last brought up to date; `null` before first use. */
  #updatedAtMs: number | null = null;
  /** Settles when the previous taker is done; takers queue behind it. */
  #queue: Promise<void> = Promise.resolve();

  constructor(options: TokenBucketOptions) {
    this.capacity = options.capacity;
    this.refillPerMs = options.refillPerMs;
    this.#level = options.capacity;
  }

  /** Tokens held at `nowMs`; negative while a big take is being repaid. */
  levelAt(nowMs: number): number {
    this.#refill(nowMs);
    return this.#level;
  }

  /**
   * Waits for its turn and for `amount` tokens (or a full bucket when
   * `amount` exceeds the capacity), then removes them. Rejects with the
   * signal's reason as soon as `signal` aborts, taking nothing.
   */
  async take(amount: number, clock: Clock, signal?: AbortSignal) {
    const previous = this.#queue;
    let finishTurn = () => {};
    this.#queue = new Promise((resolve) => {
      finishTurn = resolve;
    });
    try {
      await raceWithAbort(previous, signal);
      await this.#waitForTokens(amount, clock, signal);
      this.#level -= amount;
    } finally {
      // A taker that gave up early still hands on its turn in order.
      void previous.then(finishTurn);
    }
  }

  async #waitForTokens(amount: number, clock: Clock, signal?: AbortSignal) {
    const needed = Math.min(amount, this.capacity);
    for (;;) {
      signal?.throwIfAborted();
      const missing = needed - this.levelAt(clock.now());
      if (missing <= 0) return;
      // Whole milliseconds: a sleep cut at a fraction would wake a hair
      // early through rounding and sleep again for nothing.
      await clock.sleep(Math.ceil(missing / this.refillPerMs), signal);
    }
  }

  #refill(nowMs: number): void {
    const updatedAtMs = this.#updatedAtMs ?? nowMs;
    const elapsedMs = Math.max(0, nowMs - updatedAtMs);
    const refilled = this.#level + elapsedMs * this.refillPerMs;
    this.#level = Math.min(this.capacity, refilled);
    this.#updatedAtMs = Math.max(updatedAtMs, nowMs);
  }
}
