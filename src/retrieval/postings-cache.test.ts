import { describe, expect, it } from "vitest";
import { PostingsCache, type TermPostings } from "./postings-cache.js";

function postingsOf(bytes: number): TermPostings {
  return { documentFrequency: 1, postings: Buffer.alloc(bytes) };
}

describe("PostingsCache", () => {
  it("reads a term once and answers later lookups from memory", () => {
    const cache = new PostingsCache(10_000);
    const reads: string[] = [];
    const read = (term: string) => () => {
      reads.push(term);
      return term === "leav" ? postingsOf(8) : null;
    };

    expect(cache.get("leav", read("leav"))?.postings.length).toBe(8);
    expect(cache.get("leav", read("leav"))?.postings.length).toBe(8);
    expect(cache.get("zebra", read("zebra"))).toBeNull();
    expect(cache.get("zebra", read("zebra"))).toBeNull();
    expect(reads).toEqual(["leav", "zebra"]);
  });

  it("lets the least recently used terms go past its byte bound", () => {
    // Each entry: 64 overhead + 2 bytes for a one-letter term + 100.
    const cache = new PostingsCache(3 * 166);
    const reads: string[] = [];
    const lookUp = (term: string) =>
      cache.get(term, () => {
        reads.push(term);
        return postingsOf(100);
      });

    for (const term of ["a", "b", "c", "a", "d"]) lookUp(term);
    expect(cache.bytes).toBe(3 * 166);
    // "b" was the least recently used when "d" came; "a" was refreshed.
    lookUp("a");
    lookUp("b");
    expect(reads).toEqual(["a", "b", "c", "d", "b"]);
  });

  it("keeps nothing larger than the whole bound", () => {
    const cache = new PostingsCache(100);
    cache.get("huge", () => postingsOf(1_000));
    expect(cache.bytes).toBe(0);
  });
});
