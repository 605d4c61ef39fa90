import { describe, expect, it } from "vitest";
import { tokenWindowRanges } from "./token-window-ranges.js";

describe("tokenWindowRanges", () => {
  it("advances by size minus overlap and ends at the last token", () => {
    // 11 tokens, size 4, overlap 1: starts 0, 3, 6, 9; the last is short.
    expect(tokenWindowRanges(11, 4, 1)).toEqual([
      { start: 0, end: 4 },
      { start: 3, end: 7 },
      { start: 6, end: 10 },
      { start: 9, end: 11 },
    ]);
  });

  it("stops when a window reaches the end exactly", () => {
    // 10 tokens: [6, 10) already covers the last token, so no [9, 10).
    expect(tokenWindowRanges(10, 4, 1)).toEqual([
      { start: 0, end: 4 },
      { start: 3, end: 7 },
      { start: 6, end: 10 },
    ]);
  });

  it("shares exactly the overlap between consecutive windows", () => {
    const ranges = tokenWindowRanges(1000, 64, 16);
    const sharedCounts = ranges
      .slice(1)
      .map((current, index) => (ranges[index]?.end ?? 0) - current.start);
    // Stride 48: starts 0, 48, ..., 912; the window at 912 ends at 976 and
    // the one at 960 reaches 1000, so there are 21 windows, 20 pairs.
    expect(sharedCounts).toEqual(new Array(20).fill(16));
    expect(ranges.at(-1)?.end).toBe(1000);
  });

  it("gives one window for short input and none for no tokens", () => {
    expect(tokenWindowRanges(3, 8, 2)).toEqual([{ start: 0, end: 3 }]);
    expect(tokenWindowRanges(0, 8, 2)).toEqual([]);
  });
});
