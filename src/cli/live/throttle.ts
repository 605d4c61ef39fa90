/** The clock a throttle reads and schedules with; tests pass a fake one. */
export interface ThrottleClock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ThrottleClock = {
  now: () => performance.now(),
  setTimeout: (callback, delayMs) => {
    const handle = setTimeout(callback, delayMs);
    // A pending redraw must not keep the process alive on its own.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Runs `action` at most once per `intervalMs`: a request inside the
 * interval is deferred to its end, and any number of requests there
 * become one run, so the last state is always drawn.
 */
export class Throttle {
  readonly #intervalMs: number;
  readonly #action: () => void;
  readonly #clock: ThrottleClock;
  #lastRunMs = Number.NEGATIVE_INFINITY;
  #pending: unknown = null;

  constructor(
    intervalMs: number,
    action: () => void,
    clock: ThrottleClock = systemClock,
  ) {
    this.#intervalMs = intervalMs;
    this.#action = action;
    this.#clock = clock;
  }

  request(): void {
    if (this.#pending !== null) return;
    const waitMs = this.#lastRunMs + this.#intervalMs - this.#clock.now();
    if (waitMs <= 0) {
      this.#run();
      return;
    }
    this.#pending = this.#clock.setTimeout(() => {
      this.#pending = null;
      this.#run();
    }, waitMs);
  }

  /** Runs now, replacing any deferred run. */
  flush(): void {
    this.cancel();
    this.#run();
  }

  cancel(): void {
    if (this.#pending === null) return;
    this.#clock.clearTimeout(this.#pending);
    this.#pending = null;
  }

  #run(): void {
    this.#lastRunMs = this.#clock.now();
    this.#action();
  }
}
