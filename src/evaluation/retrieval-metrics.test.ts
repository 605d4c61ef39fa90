import { describe, expect, it } from "vitest";
import { FmopsError } from "../errors/index.js";
import {
  ndcgAtK,
  precisionAtK,
  recallAtK,
  reciprocalRankAtK,
} from "./retrieval-metrics.js";

const METRICS = [recallAtK, precisionAtK, reciprocalRankAtK, ndcgAtK];

describe("ndcgAtK", () => {
  const grades = { a: 3, b: 2, c: 1 };

  it("discounts graded gains by log2 of rank + 1", () => {
    // DCG@3 of [c, x, a] = 1/log2(2) + 0/log2(3) + 3/log2(4) = 1 + 0 + 1.5
    //   = 2.5.
    // IDCG@3 of [3, 2, 1] = 3/1 + 2/log2(3) + 1/2 = 3 + 1.26186 + 0.5
    //   = 4.76186.
    // nDCG@3 = 2.5 / 4.76186 = 0.52500.
    expect(ndcgAtK(["c", "x", "a"], grades, 3)).toBeCloseTo(0.525005, 6);
    // A deeper cut-off adds nothing: the ideal list has only three gains.
    expect(ndcgAtK(["c", "x", "a"], grades, 10)).toBeCloseTo(0.525005, 6);
  });

  it("cuts both the ranking and the ideal list at k", () => {
    // DCG@2 = 1; IDCG@2 = 3 + 2/log2(3) = 4.26186; nDCG@2 = 0.23464.
    expect(ndcgAtK(["c", "x", "a"], grades, 2)).toBeCloseTo(0.234639, 6);
  });

  it("is 1 for the ideal ranking", () => {
    expect(ndcgAtK(["a", "b", "c"], grades, 10)).toBe(1);
  });

  it("gives no gain to documents judged non-relevant", () => {
    // Only b counts: DCG = 1/log2(3), IDCG = 1, nDCG = 0.63093.
    expect(ndcgAtK(["a", "b"], { a: 0, b: 1 }, 10)).toBeCloseTo(0.63093, 5);
  });
});

describe("reciprocalRankAtK", () => {
  const grades = { a: 1, b: 1 };

  it("is 1 over the rank of the first relevant document", () => {
    expect(reciprocalRankAtK(["x", "y", "b", "a"], grades, 10)).toBeCloseTo(
      1 / 3,
      10,
    );
    expect(reciprocalRankAtK(["a", "x"], grades, 10)).toBe(1);
  });

  it("is 0 when the first relevant document lies beyond k", () => {
    expect(reciprocalRankAtK(["x", "y", "b"], grades, 2)).toBe(0);
  });
});

describe("recallAtK", () => {
  const grades = { a: 1, b: 1, c: 1, d: 1 };

  it("divides the relevant documents found by all relevant documents", () => {
    expect(recallAtK(["a", "x", "c"], grades, 3)).toBe(0.5);
    expect(recallAtK(["a", "x", "c"], grades, 1)).toBe(0.25);
  });

  it("does not count documents judged with grade 0 as relevant", () => {
    expect(recallAtK(["a", "b"], { a: 0, b: 2 }, 1)).toBe(0);
    expect(recallAtK(["a", "b"], { a: 0, b: 2 }, 2)).toBe(1);
  });
});

describe("precisionAtK", () => {
  it("divides by k even when fewer results came back", () => {
    expect(precisionAtK(["a"], { a: 1, b: 1 }, 5)).toBe(0.2);
    expect(precisionAtK(["a", "x", "b"], { a: 1, b: 1 }, 2)).toBe(0.5);
  });
});

describe("every retrieval metric", () => {
  it("scores a question with no results 0", () => {
    for (const metric of METRICS) expect(metric([], { a: 1 }, 5)).toBe(0);
  });

  it("leaves a question with no relevant document unscored", () => {
    for (const metric of METRICS) {
      expect(metric(["a", "b"], {}, 5)).toBeNull();
      expect(metric(["a", "b"], { a: 0 }, 5)).toBeNull();
      expect(metric([], {}, 5)).toBeNull();
    }
  });

  it("counts a repeated document once", () => {
    // Distinct top 2 of [a, a, b] is [a, b]: one relevant of two.
    expect(precisionAtK(["a", "a", "b"], { a: 1 }, 2)).toBe(0.5);
    expect(recallAtK(["a", "a", "a"], { a: 1, b: 1 }, 3)).toBe(0.5);
  });

  it("rejects a cut-off that is not a positive integer", () => {
    for (const metric of METRICS) {
      expect(() => metric(["a"], { a: 1 }, 0)).toThrow(FmopsError);
      expect(() => metric(["a"], { a: 1 }, 2.5)).toThrow(/positive integer/);
    }
  });
});
