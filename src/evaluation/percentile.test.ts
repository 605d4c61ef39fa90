import { describe, expect, it } from "vitest";
import { FmopsError } from "../errors/index.js";
import { latencyPercentiles, percentile } from "./percentile.js";

describe("percentile", () => {
  it("interpolates between the closest ranks as numpy does", () => {
    // Rank (n - 1) * p / 100 over [1, 2, 3, 4]: p50 -> 1.5 -> 2.5,
    // p95 -> 2.85 -> 3.85, p99 -> 2.97 -> 3.97.
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 95)).toBeCloseTo(3.85, 10);
    expect(percentile([1, 2, 3, 4], 99)).toBeCloseTo(3.97, 10);
  });

  it("sorts a copy of unsorted input", () => {
    const values = [40, 10, 30, 20];
    // Rank 3 * 0.25 = 0.75 between 10 and 20 -> 17.5.
    expect(percentile(values, 25)).toBe(17.5);
    expect(values).toEqual([40, 10, 30, 20]);
  });

  it("sorts numbers by value, not as text", () => {
    expect(percentile([100, 9, 20], 50)).toBe(20);
  });

  it("returns the extremes at 0 and 100", () => {
    expect(percentile([5, 1, 9], 0)).toBe(1);
    expect(percentile([5, 1, 9], 100)).toBe(9);
  });

  it("returns the only value of a single-value list", () => {
    expect(percentile([7], 99)).toBe(7);
  });

  it("rejects an empty list and a p outside 0..100", () => {
    expect(() => percentile([], 50)).toThrow(FmopsError);
    expect(() => percentile([1], 101)).toThrow(/between 0 and 100, got 101/);
    expect(() => percentile([1], Number.NaN)).toThrow(FmopsError);
  });
});

describe("latencyPercentiles", () => {
  it("gives p50, p95 and p99", () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    // 1..100: ranks 49.5, 94.05, 98.01 -> 50.5, 95.05, 99.01.
    const result = latencyPercentiles(values);
    expect(result.p50).toBe(50.5);
    expect(result.p95).toBeCloseTo(95.05, 10);
    expect(result.p99).toBeCloseTo(99.01, 10);
  });

  it("gives zeros for no values", () => {
    expect(latencyPercentiles([])).toEqual({ p50: 0, p95: 0, p99: 0 });
  });
});
