import { describe, expect, it } from "vitest";
import { niceLinearScale } from "./linear-scale.js";

describe("niceLinearScale", () => {
  it("widens the data to round ticks and maps values linearly", () => {
    const scale = niceLinearScale([13, 87], [0, 100]);
    // Span 74 / 5 ticks → 14.8 → steps of 20 from 0 to 100.
    expect(scale.ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(scale.toPixel(13)).toBe(13);
    expect(scale.tickDecimals).toBe(0);
  });

  it("does not let 0.1 steps drift past the data", () => {
    const scale = niceLinearScale([0.5, 0.9], [300, 0]);
    expect(scale.domain).toEqual([0.5, 0.9]);
    expect(scale.ticks).toEqual([0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(scale.tickDecimals).toBe(1);
    expect(scale.toPixel(0.9)).toBeCloseTo(0, 9);
  });

  it("gives a lone value room, never below zero for costs", () => {
    expect(niceLinearScale([0, 0], [0, 1]).domain).toEqual([0, 1]);
    const scale = niceLinearScale([2, 2], [0, 1]);
    expect(scale.domain[0]).toBeLessThan(2);
    expect(scale.domain[1]).toBeGreaterThan(2);
    expect(scale.domain[0]).toBeGreaterThanOrEqual(0);
  });
});
