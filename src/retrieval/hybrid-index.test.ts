import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Chunk } from "../spec/chunk.js";
import { FixedEmbeddingModel } from "./fixed-embedding-model.test-support.js";
import { HybridIndex } from "./hybrid-index.js";
import { openSearchIndex } from "./open-search-index.js";

const CHUNKS: Chunk[] = [
  chunk("a", "The policy covers dental care."),
  chunk("b", "Dental policies and dental claims."),
  chunk("c", "Claims are paid within thirty days."),
];

function chunk(documentId: string, text: string): Chunk {
  return { id: `${documentId}#0`, documentId, index: 0, text };
}

/** B's text is unknown to the model, so it has no vector. */
const MODEL = new FixedEmbeddingModel({
  dimensions: 3,
  vectors: {
    "The policy covers dental care.": [1, 0, 0],
    "Claims are paid within thirty days.": [0, 1, 0],
    dental: [1, 2, 0],
  },
});

describe("HybridIndex", () => {
  let cacheDir: string;

  beforeEach(() => {
    cacheDir = mkdtempSync(join(tmpdir(), "fmops-hybrid-"));
  });

  afterEach(() => {
    rmSync(cacheDir, { recursive: true, force: true });
  });

  async function openHybrid(): Promise<HybridIndex> {
    const loadChunks = async () => CHUNKS;
    const dense = await openSearchIndex({
      cacheDir,
      key: "dense",
      kind: { type: "dense", embeddingModel: MODEL },
      loadChunks,
    });
    const keyword = await openSearchIndex({
      cacheDir,
      key: "bm25",
      kind: { type: "bm25" },
      loadChunks,
    });
    return new HybridIndex({
      key: "hybrid",
      dense: dense.index,
      keyword: keyword.index,
    });
  }

  it("fuses the dense and keyword rankings with RRF", async () => {
    // Query "dental": BM25 ranks B, A (C lacks the word); the dense index,
    // query vector (1, 2, 0), ranks C (cos 0.894), A (0.447); B has no
    // vector. RRF, k = 60:
    //   A: 1/62 + 1/62 = 0.032258
    //   B: 1/61        = 0.016393 (best rank 1)
    //   C: 1/61        = 0.016393 (best rank 1; id "c#0" after "b#0")
    const index = await openHybrid();
    const hits = await index.search("dental", 3);
    index.close();

    expect(hits.map((hit) => hit.chunkId)).toEqual(["a#0", "b#0", "c#0"]);
    expect(hits.map((hit) => hit.score)).toEqual([
      expect.closeTo(2 / 62, 9),
      expect.closeTo(1 / 61, 9),
      expect.closeTo(1 / 61, 9),
    ]);
  });

  it("looks past topK in each part before fusing", async () => {
    // With topK 1, A wins only if both parts returned their second hit.
    const index = await openHybrid();
    const hits = await index.search("dental", 1);
    index.close();

    expect(hits.map((hit) => hit.chunkId)).toEqual(["a#0"]);
  });

  it("reports its key and chunk count and closes both parts", async () => {
    const index = await openHybrid();

    expect(index.key).toBe("hybrid");
    expect(index.chunkCount).toBe(3);
    index.close();
    await expect(index.search("dental", 1)).rejects.toThrow();
  });
});
