import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FmopsError } from "../errors/index.js";
import type { Chunk } from "../spec/chunk.js";
import {
  Bm25Index,
  type Bm25Parameters,
  writeBm25Index,
} from "./bm25-index.js";
import {
  type IndexDatabase,
  openIndexDatabase,
  prepareForBuild,
} from "./index-file.js";

/**
 * Analysed terms (stopwords dropped, Porter stems):
 *   A: polici cover dental care       (length 4)
 *   B: dental polici dental claim     (length 4)
 *   C: claim paid within thirti dai   (length 5)
 */
const POLICY_CHUNKS: Chunk[] = [
  chunk("a", "The policy covers dental care."),
  chunk("b", "Dental policies and dental claims."),
  chunk("c", "Claims are paid within thirty days."),
];

function chunk(documentId: string, text: string): Chunk {
  return { id: `${documentId}#0`, documentId, index: 0, text };
}

describe("Bm25Index", () => {
  let directory: string;
  const databases: IndexDatabase[] = [];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "fmops-bm25-"));
  });

  afterEach(() => {
    for (const database of databases.splice(0)) database.close();
    rmSync(directory, { recursive: true, force: true });
  });

  function buildIndex(
    chunks: Chunk[] = POLICY_CHUNKS,
    parameters: Bm25Parameters = {},
  ): Bm25Index {
    const path = join(directory, `index-${databases.length}.sqlite`);
    const writer = openIndexDatabase(path, { isReadOnly: false });
    try {
      prepareForBuild(writer);
      writeBm25Index(writer, chunks);
    } finally {
      writer.close();
    }
    const database = openIndexDatabase(path, { isReadOnly: true });
    databases.push(database);
    return new Bm25Index(database, { key: "toy", ...parameters });
  }

  it("scores a query as Lucene's BM25 does, checked by hand", async () => {
    // N = 3, avgLen = (4 + 4 + 5) / 3 = 13/3, k1 = 0.9, b = 0.4.
    // "dental": df = 2, idf = ln(1 + (3 − 2 + 0.5) / (2 + 0.5)) = ln 1.6
    //   = 0.470004.
    // A and B have length 4: norm = 0.9·(0.6 + 0.4·4/(13/3)) = 0.872308.
    // A, tf 1: tf part = 1·1.9 / (1 + 0.872308) = 1.014790
    //   → score 0.470004 · 1.014790 = 0.476955.
    // B, tf 2: tf part = 2·1.9 / (2 + 0.872308) = 1.322978
    //   → score 0.470004 · 1.322978 = 0.621804.
    const hits = await buildIndex().search("dental", 10);

    expect(hits.map((hit) => hit.chunkId)).toEqual(["b#0", "a#0"]);
    expect(hits[0]?.score).toBeCloseTo(0.621804, 5);
    expect(hits[1]?.score).toBeCloseTo(0.476955, 5);
    expect(hits[0]).toMatchObject({
      documentId: "b",
      text: "Dental policies and dental claims.",
    });
  });

  it("ranks by the sum over query terms", async () => {
    // "claim": df 2, same idf ln 1.6. B (length 4, tf 1) gets 0.476955;
    // C (length 5): norm = 0.9·(0.6 + 0.4·5/(13/3)) = 0.955385,
    // tf part = 1.9 / 1.955385 = 0.971676 → 0.456691.
    // B: 0.621804 + 0.476955 = 1.098759; A: 0.476955; C: 0.456691.
    const hits = await buildIndex().search("dental claims", 10);

    expect(hits.map((hit) => hit.chunkId)).toEqual(["b#0", "a#0", "c#0"]);
    expect(hits.map((hit) => hit.score)).toEqual([
      expect.closeTo(1.098759, 5),
      expect.closeTo(0.476955, 5),
      expect.closeTo(0.456691, 5),
    ]);
  });

  it("matches inflected forms through stemming", async () => {
    const index = buildIndex();
    const singular = await index.search("policy", 10);
    const plural = await index.search("POLICIES", 10);

    expect(singular.map((hit) => hit.chunkId)).toEqual(["a#0", "b#0"]);
    expect(plural).toEqual(singular);
  });

  it("breaks equal scores by chunk order", async () => {
    // A and B both hold "polici" once and have the same length.
    const hits = await buildIndex().search("policy", 10);

    expect(hits[0]?.score).toBe(hits[1]?.score);
    expect(hits.map((hit) => hit.chunkId)).toEqual(["a#0", "b#0"]);
  });

  it("counts a repeated query term once per occurrence", async () => {
    const index = buildIndex();
    const once = await index.search("dental", 10);
    const twice = await index.search("dental dental", 10);

    expect(twice[0]?.score).toBeCloseTo(2 * (once[0]?.score ?? 0), 10);
  });

  it("applies k1 and b given at open time", async () => {
    // b = 0 removes length normalisation: norm = k1 = 0.9, so tf 1 gives
    // a tf part of 1·1.9 / (1 + 0.9) = 1 and the score is the idf itself.
    const index = buildIndex(POLICY_CHUNKS, { b: 0 });

    // "care": df 1, idf = ln(1 + 2.5/1.5) = ln(8/3) = 0.980829.
    const care = await index.search("care", 1);
    expect(care[0]?.score).toBeCloseTo(0.980829, 5);

    // "dental": B, tf 2: 2·1.9 / (2 + 0.9) = 1.310345
    // → ln 1.6 · 1.310345 = 0.615867; A, tf 1: ln 1.6 = 0.470004.
    const dental = await index.search("dental", 3);
    expect(dental.map((hit) => hit.score)).toEqual([
      expect.closeTo(0.615867, 5),
      expect.closeTo(0.470004, 5),
    ]);
  });

  it("returns nothing for stopwords, unknown words and topK 0", async () => {
    const index = buildIndex();

    expect(await index.search("the and of", 5)).toEqual([]);
    expect(await index.search("astronomy", 5)).toEqual([]);
    expect(await index.search("dental", 0)).toEqual([]);
  });

  it("returns at most topK hits, the best ones", async () => {
    const hits = await buildIndex().search("dental claims", 2);

    expect(hits.map((hit) => hit.chunkId)).toEqual(["b#0", "a#0"]);
  });

  it("reports its key and chunk count", () => {
    const index = buildIndex();

    expect(index.key).toBe("toy");
    expect(index.chunkCount).toBe(3);
  });

  it("serves an empty corpus", async () => {
    const index = buildIndex([]);

    expect(index.chunkCount).toBe(0);
    expect(await index.search("dental", 5)).toEqual([]);
  });

  it("rejects a negative or fractional topK", async () => {
    const index = buildIndex();

    await expect(index.search("dental", -1)).rejects.toThrow(FmopsError);
    await expect(index.search("dental", 1.5)).rejects.toThrow(/topK/);
  });

  it("rejects out-of-range parameters and duplicate chunk ids", () => {
    expect(() => buildIndex(POLICY_CHUNKS, { b: 1.5 })).toThrow(/b between/);
    const duplicated = [...POLICY_CHUNKS, chunk("a", "again")];
    expect(() => buildIndex(duplicated)).toThrow(/"a#0" occurs twice/);
  });
});
