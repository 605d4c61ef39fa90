import { describe, expect, it } from "vitest";
import { longestCommonSubsequenceLength, rougeL } from "./rouge-l.js";

describe("rougeL", () => {
  it("scores a near paraphrase by its common subsequence", () => {
    // Normalised (articles dropped): [cat sat on mat] vs [cat is on mat].
    // LCS = cat on mat = 3; precision 3/4, recall 3/4, F = 0.75.
    expect(rougeL("the cat sat on the mat", ["the cat is on the mat"])).toBe(
      0.75,
    );
  });

  it("rewards order that token overlap ignores", () => {
    // [paris capital france] vs [france capital paris]: every word shared,
    // but the LCS is one word: P = R = 1/3, F = 1/3.
    expect(rougeL("Paris capital France", ["France capital Paris"])).toBe(
      1 / 3,
    );
  });

  it("takes the best gold answer and handles unequal lengths", () => {
    // [in 10th century] vs [10th century]: LCS 2, P = 2/3, R = 1,
    // F = 2 · (2/3) / (5/3) = 0.8. The other gold shares nothing.
    expect(rougeL("in the 10th century", ["1066", "10th century"])).toBe(0.8);
  });

  it("is null without gold answers and 0 for an empty prediction", () => {
    expect(rougeL("anything", [])).toBeNull();
    expect(rougeL("", ["Normans"])).toBe(0);
    expect(rougeL("The", ["a"])).toBe(1);
  });
});

describe("longestCommonSubsequenceLength", () => {
  it("finds the longest subsequence, not the longest run", () => {
    // a b c b d a b vs b d c a b a: LCS length 4 (e.g. b c b a).
    const left = ["a", "b", "c", "b", "d", "a", "b"];
    const right = ["b", "d", "c", "a", "b", "a"];
    expect(longestCommonSubsequenceLength(left, right)).toBe(4);
  });
});
