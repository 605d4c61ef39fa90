import { describe, expect, it } from "vitest";
import { runPool } from "./run-pool.js";

describe("runPool", () => {
  it("runs every item once with no more than the limit in flight", async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const done: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      done.push(item);
      inFlight -= 1;
    });

    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(mostInFlight).toBe(3);
  });

  it("draws items lazily, as workers free up", async () => {
    const drawn: number[] = [];
    function* items() {
      for (let item = 1; item <= 4; item += 1) {
        drawn.push(item);
        yield item;
      }
    }
    const seenWhenFirstRuns: number[][] = [];
    await runPool(items(), 2, async () => {
      seenWhenFirstRuns.push([...drawn]);
    });

    expect(seenWhenFirstRuns[0]).toEqual([1]);
    expect(drawn).toEqual([1, 2, 3, 4]);
  });
});
