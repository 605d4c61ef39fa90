import { describe, expect, it } from "vitest";
import { SharedWork } from "./shared-work.js";

describe("SharedWork", () => {
  it("computes once for all consumers and lets go after the last", async () => {
    let computations = 0;
    const shared = new SharedWork<string>(new Map([["bm25 k3", 3]]));
    const compute = async () => {
      computations += 1;
      return "hits";
    };

    const first = await shared.take("bm25 k3", "q1", compute);
    expect(shared.size).toBe(1);
    await shared.take("bm25 k3", "q1", compute);
    await shared.take("bm25 k3", "q1", compute);

    expect(first).toBe("hits");
    expect(computations).toBe(1);
    expect(shared.size).toBe(0);
  });

  it("keeps subjects and signatures apart; unknown signatures have one consumer", async () => {
    const shared = new SharedWork<string>(new Map([["dense k5", 2]]));

    await shared.take("dense k5", "q1", async () => "a");
    await shared.take("dense k5", "q2", async () => "b");
    await shared.take("other", "q1", async () => "c");

    expect(shared.size).toBe(2);
  });
});
