import { describe, expect, it } from "vitest";
import { FmopsError } from "../errors/index.js";
import { bootstrapMeanInterval } from "./bootstrap-mean-interval.js";

describe("bootstrapMeanInterval", () => {
  it("gives a zero-width interval for a constant list", () => {
    expect(bootstrapMeanInterval([0.75, 0.75, 0.75, 0.75, 0.75])).toEqual({
      mean: 0.75,
      low: 0.75,
      high: 0.75,
    });
  });

  it("spans the whole range of [0, 1] at 95%", () => {
    // Resampled means of [0, 1] are 0, 0.5 or 1 with chances 1/4, 1/2,
    // 1/4. Both 2.5% tails fall inside the 25% blocks at 0 and at 1.
    expect(bootstrapMeanInterval([0, 1])).toEqual({
      mean: 0.5,
      low: 0,
      high: 1,
    });
  });

  it("narrows [0, 1] to its middle at 20% confidence", () => {
    // The 40th and 60th percentiles both sit in the middle block (25% to
    // 75%) where the resampled mean is 0.5.
    expect(bootstrapMeanInterval([0, 1], { confidence: 0.2 })).toEqual({
      mean: 0.5,
      low: 0.5,
      high: 0.5,
    });
  });

  it("agrees with normal theory on a large 0/1 sample", () => {
    // 50 ones and 50 zeros: standard error sqrt(0.25 / 100) = 0.05, so a
    // 95% interval is about 0.5 ± 1.96 · 0.05 = [0.402, 0.598].
    const values = [...new Array(50).fill(1), ...new Array(50).fill(0)];
    const interval = bootstrapMeanInterval(values);
    expect(interval?.mean).toBe(0.5);
    expect(Math.abs((interval?.low ?? 0) - 0.402)).toBeLessThan(0.02);
    expect(Math.abs((interval?.high ?? 0) - 0.598)).toBeLessThan(0.02);
  });

  it("returns null for no values and the value itself for one", () => {
    expect(bootstrapMeanInterval([])).toBeNull();
    expect(bootstrapMeanInterval([0.3])).toEqual({
      mean: 0.3,
      low: 0.3,
      high: 0.3,
    });
  });

  it("repeats an interval for the same seed and not for another", () => {
    const values = Array.from({ length: 30 }, (_, index) => index * index);
    const first = bootstrapMeanInterval(values, { seed: 9 });
    expect(bootstrapMeanInterval(values, { seed: 9 })).toEqual(first);
    expect(bootstrapMeanInterval(values, { seed: 10 })).not.toEqual(first);
  });

  it("gives the same interval whatever order the values come in", () => {
    const values = Array.from(
      { length: 12 },
      (_, index) => (index * index) / 121,
    );
    expect(bootstrapMeanInterval([...values].reverse())).toEqual(
      bootstrapMeanInterval(values),
    );
  });

  it("nests a lower-confidence interval inside a higher one", () => {
    const values = [0.2, 0.9, 0.4, 0.4, 0.7, 0.1, 0.8, 0.5, 0.6, 0.3];
    const wide = bootstrapMeanInterval(values, { confidence: 0.95 });
    const narrow = bootstrapMeanInterval(values, { confidence: 0.8 });
    expect(wide?.low).toBeLessThan(narrow?.low ?? 0);
    expect(wide?.high).toBeGreaterThan(narrow?.high ?? 1);
    // Mean is 4.9 / 10 and lies inside both.
    expect(narrow?.mean).toBeCloseTo(0.49, 12);
    expect(narrow?.low).toBeLessThan(0.49);
    expect(narrow?.high).toBeGreaterThan(0.49);
  });

  it("refuses bad options and non-finite values, naming them", () => {
    const usage = expect.objectContaining({ code: "USAGE" });
    expect(() => bootstrapMeanInterval([1, 2], { resamples: 999 })).toThrow(
      /resamples: expected an integer of at least 1000, got 999/,
    );
    expect(() => bootstrapMeanInterval([1, 2], { confidence: 1 })).toThrow(
      /confidence: expected a number between 0 and 1, got 1/,
    );
    expect(() => bootstrapMeanInterval([1, Number.NaN])).toThrow(
      /values\[1\]: expected a finite number, got NaN/,
    );
    expect(() => bootstrapMeanInterval([1], { seed: Number.NaN })).toThrow(
      usage,
    );
    expect(() => bootstrapMeanInterval([], { resamples: 10 })).toThrow(
      FmopsError,
    );
  });
});
