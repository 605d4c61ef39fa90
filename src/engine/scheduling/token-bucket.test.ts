import { describe, expect, it } from "vitest";
import { TokenBucket } from "./token-bucket.js";
import { VirtualClock } from "./virtual-clock.test-support.js";

/** 10 tokens, refilled at 10 per second (0.01 per ms). */
function tenPerSecond(): TokenBucket {
  return new TokenBucket({ capacity: 10, refillPerMs: 0.01 });
}

describe("TokenBucket", () => {
  it("starts full and waits for missing tokens at the refill rate", async () => {
    const clock = new VirtualClock();
    const bucket = tenPerSecond();

    await bucket.take(10, clock);
    expect(clock.now()).toBe(0);

    // 5 missing tokens at 0.01 per ms arrive after 500 ms.
    await bucket.take(5, clock);
    expect(clock.now()).toBe(500);
    expect(bucket.levelAt(clock.now())).toBe(0);
  });

  it("never holds more than its capacity, however long it idles", async () => {
    const clock = new VirtualClock();
    const bucket = tenPerSecond();
    await bucket.take(3, clock);

    await clock.sleep(60_000);
    expect(bucket.levelAt(clock.now())).toBe(10);
  });

  it("lets a take above capacity through once full, then repays the debt", async () => {
    const clock = new VirtualClock();
    const bucket = tenPerSecond();
    await bucket.take(4, clock);

    // Full again after the 4 missing tokens: 400 ms; then 10 - 25 = -15.
    await bucket.take(25, clock);
    expect(clock.now()).toBe(400);
    expect(bucket.levelAt(clock.now())).toBe(-15);

    // One token needs the level from -15 to 1: 16 tokens, 1,600 ms more.
    await bucket.take(1, clock);
    expect(clock.now()).toBe(2_000);
  });

  it("serves takers in arrival order, so a big take is not starved", async () => {
    const clock = new VirtualClock();
    const bucket = tenPerSecond();
    await bucket.take(10, clock);

    const finished: Array<[string, number]> = [];
    const big = bucket.take(8, clock).then(() => {
      finished.push(["big", clock.now()]);
    });
    const small = bucket.take(1, clock).then(() => {
      finished.push(["small", clock.now()]);
    });
    await Promise.all([big, small]);

    // 8 tokens arrive at 800 ms; the small take waits 100 ms behind it.
    expect(finished).toEqual([
      ["big", 800],
      ["small", 900],
    ]);
  });

  it("rejects an aborted taker at once and lets the next one through", async () => {
    const clock = new VirtualClock();
    const bucket = tenPerSecond();
    await bucket.take(10, clock);
    const controller = new AbortController();
    const reason = new Error("stop");

    const aborted = bucket.take(5, clock, controller.signal);
    const next = bucket.take(2, clock);
    void clock.sleep(100).then(() => controller.abort(reason));

    await expect(aborted).rejects.toBe(reason);
    expect(clock.now()).toBe(100);
    // The aborted take removed nothing: 2 tokens are there at 200 ms.
    await next;
    expect(clock.now()).toBe(200);
  });
});
