import { describe, expect, it } from "vitest";
import type { SearchHit } from "../spec/search-index.js";
import { fuseRankings } from "./reciprocal-rank-fusion.js";

/** A ranking of hits named by chunk id; the scores do not matter to RRF. */
function ranking(...chunkIds: string[]): SearchHit[] {
  return chunkIds.map((chunkId, position) => ({
    chunkId,
    documentId: chunkId.toUpperCase(),
    text: `text of ${chunkId}`,
    score: 100 - position,
  }));
}

function ids(hits: SearchHit[]): string[] {
  return hits.map((hit) => hit.chunkId);
}

describe("fuseRankings", () => {
  it("sums 1 / (k + rank) over the rankings, checked by hand", () => {
    // k = 60:
    //   a: 1/61 + 1/62 = 0.016393 + 0.016129 = 0.032522
    //   c: 1/63 + 1/61 = 0.015873 + 0.016393 = 0.032266
    //   b: 1/62 = 0.016129
    //   d: 1/63 = 0.015873
    const fused = fuseRankings(
      [ranking("a", "b", "c"), ranking("c", "a", "d")],
      {
        topK: 10,
      },
    );

    expect(ids(fused)).toEqual(["a", "c", "b", "d"]);
    expect(fused.map((hit) => hit.score)).toEqual([
      expect.closeTo(0.032522, 6),
      expect.closeTo(0.032266, 6),
      expect.closeTo(0.016129, 6),
      expect.closeTo(0.015873, 6),
    ]);
  });

  it("uses the given k", () => {
    // k = 0: b = 1/2 + 1/1 = 1.5 beats a = 1/1 + 1/3 = 1.333.
    const fused = fuseRankings([ranking("a", "b"), ranking("b", "x", "a")], {
      k: 0,
      topK: 2,
    });

    expect(ids(fused)).toEqual(["b", "a"]);
    expect(fused[0]?.score).toBe(1.5);
  });

  it("keeps the first appearance's text and document with the fused score", () => {
    const [first] = fuseRankings([ranking("a")], { topK: 1 });

    expect(first).toEqual({
      chunkId: "a",
      documentId: "A",
      text: "text of a",
      score: 1 / 61,
    });
  });

  it("breaks equal scores by best single rank, then by chunk id", () => {
    // k = 0: p holds ranks 3 and 6 (1/3 + 1/6 = 0.5), q ranks 4 and 4
    // (1/4 + 1/4 = 0.5); p's best rank, 3, beats q's 4.
    const byBestRank = fuseRankings(
      [
        ranking("f1", "f2", "p", "q", "f5", "f6"),
        ranking("g1", "g2", "g3", "q", "g5", "p"),
      ],
      { k: 0, topK: 20 },
    );
    const p = byBestRank.findIndex((hit) => hit.chunkId === "p");
    const q = byBestRank.findIndex((hit) => hit.chunkId === "q");
    expect(byBestRank[p]?.score).toBe(byBestRank[q]?.score);
    expect(q).toBe(p + 1);

    // y and x both hold ranks 1 and 2: same score, same best rank.
    const byId = fuseRankings([ranking("y", "x"), ranking("x", "y")], {
      topK: 2,
    });
    expect(ids(byId)).toEqual(["x", "y"]);
  });

  it("counts a chunk listed twice in one ranking at its first place", () => {
    const fused = fuseRankings([ranking("a", "b", "a")], { topK: 5 });

    expect(ids(fused)).toEqual(["a", "b"]);
    expect(fused[0]?.score).toBe(1 / 61);
  });

  it("returns at most topK hits and nothing for no rankings", () => {
    const fused = fuseRankings([ranking("a", "b", "c")], { topK: 2 });

    expect(ids(fused)).toEqual(["a", "b"]);
    expect(fuseRankings([], { topK: 5 })).toEqual([]);
    expect(fuseRankings([ranking("a")], { topK: 0 })).toEqual([]);
  });

  it("rejects a negative k or topK", () => {
    expect(() => fuseRankings([], { k: -1, topK: 1 })).toThrow(/k ≥ 0/);
    expect(() => fuseRankings([], { topK: -1 })).toThrow(/topK/);
  });
});
