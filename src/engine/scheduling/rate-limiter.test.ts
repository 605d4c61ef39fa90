import { describe, expect, it } from "vitest";
import { FmopsError } from "../../errors/fmops-error.js";
import { MINUTE_MS } from "./per-minute-bucket.js";
import { RateLimiter } from "./rate-limiter.js";
import { VirtualClock } from "./virtual-clock.test-support.js";

/**
 * Starts `count` calls of `tokensOf(i)` tokens at once; each holds its
 * slot for `holdMsOf(i)` virtual ms. Returns the start times in start order.
 */
async function startCalls(
  limiter: RateLimiter,
  clock: VirtualClock,
  count: number,
  tokensOf: (index: number) => number,
  holdMsOf: (index: number) => number,
): Promise<Array<{ index: number; startMs: number }>> {
  const starts: Array<{ index: number; startMs: number }> = [];
  const calls = Array.from({ length: count }, async (_, index) => {
    const release = await limiter.acquire(tokensOf(index));
    starts.push({ index, startMs: clock.now() });
    await clock.sleep(holdMsOf(index));
    release();
  });
  await Promise.all(calls);
  return starts;
}

/** Largest sum of `weights` over starts in any window [t, t + 60 s). */
function busiestWindow(startMs: number[], weights: number[]): number {
  let busiest = 0;
  let windowSum = 0;
  let first = 0;
  for (let last = 0; last < startMs.length; last++) {
    windowSum += weights[last] ?? 0;
    while ((startMs[first] ?? 0) <= (startMs[last] ?? 0) - MINUTE_MS) {
      windowSum -= weights[first] ?? 0;
      first++;
    }
    busiest = Math.max(busiest, windowSum);
  }
  return busiest;
}

describe("RateLimiter", () => {
  it("never starts more than 600 calls in any 60-second window", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(
      { requestsPerMinute: 600, concurrency: 50 },
      clock,
    );
    const starts = await startCalls(
      limiter,
      clock,
      2_000,
      () => 0,
      (index) => 50 + ((index * 37) % 400),
    );
    const startMs = starts.map((start) => start.startMs);

    expect(starts).toHaveLength(2_000);
    // Sliding over every start covers every window: a window holds no
    // more starts than the one opening at its first start.
    expect(
      busiestWindow(
        startMs,
        startMs.map(() => 1),
      ),
    ).toBe(600);
    // Burst of 10 at 0, then 591 per minute: the 1,990 later starts need
    // 1,990 x 60,000 / 591 = 202,030.5 ms of refill; the last start comes
    // at the first whole millisecond after that, so no rate is wasted.
    expect(startMs.at(-1)).toBe(202_031);
  });

  it("keeps estimated tokens within tokens per minute", async () => {
    const clock = new VirtualClock();
    // Capacity 100 (one second's worth), refill 5,901 per minute.
    const limiter = new RateLimiter({ tokensPerMinute: 6_000 }, clock);
    const tokensOf = (index: number) => 40 + ((index * 7) % 61);
    const starts = await startCalls(limiter, clock, 400, tokensOf, () => 10);

    const tokens = starts.map((start) => tokensOf(start.index));
    const startMs = starts.map((start) => start.startMs);
    expect(busiestWindow(startMs, tokens)).toBeLessThanOrEqual(6_000);
    expect(busiestWindow(startMs, tokens)).toBeGreaterThan(5_800);
  });

  it("spaces calls by their tokens and lets an oversized call through", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ tokensPerMinute: 6_000 }, clock);
    const sizes = [50, 50, 50, 250, 10];
    const starts = await startCalls(
      limiter,
      clock,
      sizes.length,
      (index) => sizes[index] ?? 0,
      () => 0,
    );

    // Refill is 5,901 / 60,000 = 0.09835 tokens per ms.
    // 50, 50 at once; 50 more: 508.4 ms -> 509; 250 waits for a full
    // bucket of 100: another 1,016.8 ms -> 1,526, leaving -150;
    // 10 then needs 160 tokens: 1,626.8 ms -> 3,153.
    expect(starts.map((start) => start.startMs)).toEqual([
      0, 0, 509, 1_526, 3_153,
    ]);
  });

  it("holds at most `concurrency` calls and starts them in arrival order", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ concurrency: 3 }, clock);
    let mostActive = 0;
    const starts = await startCalls(
      limiter,
      clock,
      20,
      () => 0,
      (index) => {
        mostActive = Math.max(mostActive, limiter.activeCount);
        return 100 + ((index * 53) % 90);
      },
    );

    expect(mostActive).toBe(3);
    expect(limiter.activeCount).toBe(0);
    expect(starts.map((start) => start.index)).toEqual(
      Array.from({ length: 20 }, (_, index) => index),
    );
  });

  it("gives up waiting for a slot on abort without taking one", async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ concurrency: 1 }, clock);
    const release = await limiter.acquire(0);
    const controller = new AbortController();
    const reason = new Error("stop");

    const waiting = limiter.acquire(0, controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);

    release();
    expect(limiter.activeCount).toBe(0);
    const next = await limiter.acquire(0);
    expect(limiter.activeCount).toBe(1);
    next();
  });

  it("refuses limits that are not whole numbers of at least 1", () => {
    const clock = new VirtualClock();
    const build = () =>
      new RateLimiter({ requestsPerMinute: 0 }, clock, "limits.openai");
    expect(build).toThrow(FmopsError);
    expect(build).toThrow(
      "limits.openai.requestsPerMinute: expected a whole number of at " +
        "least 1, got 0 (number)",
    );
    expect(() => new RateLimiter({ concurrency: 2.5 }, clock)).toThrow(
      "limits.concurrency: expected a whole number of at least 1",
    );
  });
});
