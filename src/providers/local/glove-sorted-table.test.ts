import { describe, expect, it } from "vitest";
import { createSortedWordTable } from "./glove-sorted-table.js";

// Words in UTF-8 byte order: "a" (61), "ab" (61 62), "b" (62) and
// "é" (c3 a9), which sorts after every ASCII word. One dimension each.
const table = createSortedWordTable({
  dimensions: 1,
  wordEnds: Uint32Array.from([1, 3, 4, 6]),
  wordBytes: Buffer.from("aabbé", "utf8"),
  vectors: Float32Array.from([10, 20, 30, 40]),
});

describe("createSortedWordTable", () => {
  it("finds every word, including prefixes and accented ones", () => {
    expect(table.wordCount).toBe(4);
    expect(table.lookup("a")?.[0]).toBe(10);
    expect(table.lookup("ab")?.[0]).toBe(20);
    expect(table.lookup("b")?.[0]).toBe(30);
    expect(table.lookup("é")?.[0]).toBe(40);
  });

  it("returns undefined for words between, before and after", () => {
    for (const word of ["", "aa", "abc", "ba", "c", "e", "éé"]) {
      expect(table.lookup(word)).toBeUndefined();
    }
  });

  it("answers a repeated lookup the same way", () => {
    expect(table.lookup("c")).toBeUndefined();
    expect(table.lookup("c")).toBeUndefined();
    expect(table.lookup("ab")?.[0]).toBe(20);
    expect(table.lookup("ab")?.[0]).toBe(20);
  });

  it("returns a row of the table's dimensions", () => {
    const wide = createSortedWordTable({
      dimensions: 2,
      wordEnds: Uint32Array.from([3]),
      wordBytes: Buffer.from("sun"),
      vectors: Float32Array.from([0.5, -1]),
    });
    expect(Array.from(wide.lookup("sun") ?? [])).toEqual([0.5, -1]);
  });
});
