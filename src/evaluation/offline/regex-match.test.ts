import { describe, expect, it } from "vitest";
import { FmopsError } from "../../errors/index.js";
import { createRegexMatcher } from "./regex-match.js";

describe("createRegexMatcher", () => {
  it("scores 1 on a match and 0 otherwise, honouring flags", () => {
    const matchesYear = createRegexMatcher("year", "\\b1[0-9]{3}\\b", "");
    expect(matchesYear("It happened in 1066.")).toBe(1);
    expect(matchesYear("It happened long ago.")).toBe(0);
    const isYes = createRegexMatcher("yes", "^yes\\.?$", "i");
    expect(isYes("YES.")).toBe(1);
    expect(isYes("yes, but")).toBe(0);
  });

  it("gives the same result for the same answer under the g flag", () => {
    const matcher = createRegexMatcher("digits", "\\d+", "g");
    expect([matcher("a 12"), matcher("a 12"), matcher("a 12")]).toEqual([
      1, 1, 1,
    ]);
  });

  it("names the evaluator and the pattern when the pattern is invalid", () => {
    expect(() => createRegexMatcher("broken", "(unclosed", "")).toThrow(
      FmopsError,
    );
    expect(() => createRegexMatcher("broken", "(unclosed", "")).toThrow(
      /evaluator "broken": pattern "\(unclosed" with flags ""/,
    );
  });
});
