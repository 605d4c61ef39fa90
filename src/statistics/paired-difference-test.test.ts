import { describe, expect, it } from "vitest";
import { FmopsError } from "../errors/index.js";
import { pairedDifferenceTest } from "./paired-difference-test.js";

const zeros = (count: number): number[] => new Array<number>(count).fill(0);

describe("pairedDifferenceTest", () => {
  it("finds a uniform gain of 1 on ten pairs", () => {
    // Every d_i is 1, so every bootstrap mean is 1: interval [1, 1]. A
    // sign flip reaches |mean| = 1 only when all ten signs agree, chance
    // 2 / 2^10 = 1/512, so about 5000 / 512 ≈ 9.8 of 5,000 flips are
    // expected to count. Seed 1 gives 7: p = (1 + 7) / (1 + 5000).
    const result = pairedDifferenceTest(zeros(10), new Array(10).fill(1));
    expect(result).toEqual({
      meanDifference: 1,
      low: 1,
      high: 1,
      pValue: 8 / 5001,
      pairCount: 10,
    });
  });

  it("gives p = 1 and [0, 0] when both sides are the same", () => {
    const scores = [0.1, 0.5, 0.9, 0.5, 0.3];
    expect(pairedDifferenceTest(scores, [...scores])).toEqual({
      meanDifference: 0,
      low: 0,
      high: 0,
      pValue: 1,
      pairCount: 5,
    });
  });

  it("approaches the exact permutation p-value", () => {
    // d = [0.2, 0.1, 0.3, 0.4, -0.1, 0.25], sum 1.15. With all signs
    // positive the sum is 1.35; flipping a set of size-sum N gives
    // 1.35 − 2N, so |sum| ≥ 1.15 needs N ≤ 0.1 or N ≥ 1.25: the empty
    // set or either 0.1 (3 sets) and their complements (3 more), 6 of
    // 2^6 = 64 sign patterns, p = 0.09375. Monte Carlo error with 5,000
    // flips is about 0.004.
    const differences = [0.2, 0.1, 0.3, 0.4, -0.1, 0.25];
    const result = pairedDifferenceTest(zeros(6), differences);
    expect(result?.meanDifference).toBeCloseTo(1.15 / 6, 12);
    expect(Math.abs((result?.pValue ?? 0) - 0.09375)).toBeLessThan(0.015);
    expect(result?.low).toBeLessThan(1.15 / 6);
    expect(result?.high).toBeGreaterThan(1.15 / 6);
  });

  it("reports a negative difference when right scores lower", () => {
    const result = pairedDifferenceTest([1, 1, 1, 1], [0.5, 0.5, 0.5, 0.5]);
    expect(result?.meanDifference).toBe(-0.5);
    expect(result?.high).toBe(-0.5);
  });

  it("cannot tell anything from a single pair", () => {
    // Both signs give |mean| = 0.5, so every flip counts: p = 1.
    expect(pairedDifferenceTest([0.25], [0.75])).toMatchObject({
      low: 0.5,
      high: 0.5,
      pValue: 1,
      pairCount: 1,
    });
  });

  it("returns null for no pairs", () => {
    expect(pairedDifferenceTest([], [])).toBeNull();
  });

  it("refuses lists of different lengths", () => {
    const call = () => pairedDifferenceTest([1, 2, 3], [1, 2]);
    expect(call).toThrow(FmopsError);
    expect(call).toThrow(/got 3 left and 2 right/);
    expect(call).toThrow(expect.objectContaining({ code: "USAGE" }));
  });

  it("refuses a non-finite score, naming its side and index", () => {
    expect(() =>
      pairedDifferenceTest([1, 2], [1, Number.POSITIVE_INFINITY]),
    ).toThrow(/right\[1\]: expected a finite number, got Infinity/);
  });

  it("gives the same result whatever order the pairs come in", () => {
    // Cases reach the store in the order they finish, which varies between
    // identical runs; a seeded p-value near 0.05 must not flip with it.
    const left = Array.from({ length: 30 }, (_, index) => (index % 7) / 7);
    const right = left.map((value, index) => value + ((index % 5) - 1) / 10);
    const reversed = pairedDifferenceTest(
      [...left].reverse(),
      [...right].reverse(),
    );
    expect(reversed).toEqual(pairedDifferenceTest(left, right));
  });

  it("repeats its result for the same seed", () => {
    const left = [0.1, 0.4, 0.35, 0.8, 0.6, 0.2, 0.9];
    const right = [0.3, 0.5, 0.3, 0.9, 0.7, 0.1, 1];
    const first = pairedDifferenceTest(left, right, { seed: 3 });
    expect(pairedDifferenceTest(left, right, { seed: 3 })).toEqual(first);
  });
});
