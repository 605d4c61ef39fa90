/**
 * Where the scheduler reads the time and waits. Everything in scheduling
 * takes one, so tests drive hours of rate limits and back-off on a virtual
 * clock without sleeping for real.
 */
export interface Clock {
  /** Milliseconds on a clock that never goes backwards. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds; rejects with `signal.reason` as soon
   * as the signal aborts, and at once when it already has.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Calls `fire` after `ms` milliseconds unless the returned function is
   * called first. Cheaper than `sleep` with a signal for a deadline that
   * nearly always passes unused.
   */
  setTimer(ms: number, fire: () => void): () => void;
}

/**
 * Real time. `performance.now()` rather than `Date.now()`, because a wall
 * clock set back by the system would refill a bucket twice.
 */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleepOnTimer(systemClock, ms, signal),
  setTimer(ms, fire) {
    const timer = setTimeout(fire, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};

/** `Clock.sleep` built on the clock's own timers. */
export function sleepOnTimer(
  clock: Pick<Clock, "setTimer">,
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = clock.setTimer(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
