import { describe, expect, it } from "vitest";
import { Throttle, type ThrottleClock } from "./throttle.js";

/** A clock that moves only when the test says so. */
function fakeClock() {
  let nowMs = 0;
  const timers: Array<{ atMs: number; callback: () => void } | null> = [];
  const clock: ThrottleClock = {
    now: () => nowMs,
    setTimeout: (callback, delayMs) => {
      timers.push({ atMs: nowMs + delayMs, callback });
      return timers.length - 1;
    },
    clearTimeout: (handle) => {
      timers[handle as number] = null;
    },
  };
  const advance = (byMs: number) => {
    nowMs += byMs;
    for (const [index, timer] of timers.entries()) {
      if (timer !== null && timer.atMs <= nowMs) {
        timers[index] = null;
        timer.callback();
      }
    }
  };
  return { clock, advance };
}

describe("Throttle", () => {
  it("runs at once, then at most once per interval, keeping the last request", () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const throttle = new Throttle(100, () => (runs += 1), clock);

    throttle.request();
    expect(runs).toBe(1);
    for (let index = 0; index < 50; index += 1) {
      advance(1);
      throttle.request();
    }
    // 50 requests within 50 ms: one deferred run, not yet due.
    expect(runs).toBe(1);
    advance(50);
    expect(runs).toBe(2);
    advance(1_000);
    expect(runs).toBe(2);
  });

  it("draws 10 frames a second under a steady stream of requests", () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const throttle = new Throttle(100, () => (runs += 1), clock);
    for (let ms = 0; ms < 1_000; ms += 5) {
      throttle.request();
      if (ms < 995) advance(5);
    }
    // Runs at 0, 100, …, 900 ms; the one due at 1,000 ms has not come yet.
    expect(runs).toBe(10);
  });

  it("flush runs now and drops the deferred run", () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const throttle = new Throttle(100, () => (runs += 1), clock);
    throttle.request();
    advance(10);
    throttle.request();
    throttle.flush();
    expect(runs).toBe(2);
    advance(500);
    expect(runs).toBe(2);
  });
});
