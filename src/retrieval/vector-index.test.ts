import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FmopsError } from "../errors/index.js";
import type { Chunk } from "../spec/chunk.js";
import type { EmbeddingModel } from "../spec/embedding-model.js";
import { FixedEmbeddingModel } from "./fixed-embedding-model.test-support.js";
import {
  type IndexDatabase,
  openIndexDatabase,
  prepareForBuild,
} from "./index-file.js";
import { VectorIndex, writeVectorIndex } from "./vector-index.js";

const DIRECTIONS: Chunk[] = ["north", "east", "northeast", "blank", "up"].map(
  (text) => ({ id: `${text}#0`, documentId: text, index: 0, text }),
);

/** "blank" and "nowhere" are unknown, so they embed to the zero vector. */
function directionModel(maxBatchSize = 2): FixedEmbeddingModel {
  return new FixedEmbeddingModel({
    dimensions: 3,
    maxBatchSize,
    vectors: {
      north: [0, 1, 0],
      east: [1, 0, 0],
      northeast: [1, 1, 0],
      up: [0, 0, 1],
      "mostly north": [3, 4, 0],
    },
  });
}

describe("VectorIndex", () => {
  let directory: string;
  const databases: IndexDatabase[] = [];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "fmops-vector-"));
  });

  afterEach(() => {
    for (const database of databases.splice(0)) database.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function buildIndex(model: EmbeddingModel): Promise<VectorIndex> {
    const path = join(directory, `index-${databases.length}.sqlite`);
    const writer = openIndexDatabase(path, { isReadOnly: false });
    try {
      prepareForBuild(writer);
      await writeVectorIndex(writer, DIRECTIONS, model);
    } finally {
      writer.close();
    }
    const database = openIndexDatabase(path, { isReadOnly: true });
    databases.push(database);
    return new VectorIndex(database, {
      key: "directions",
      embeddingModel: model,
    });
  }

  it("returns the exact nearest neighbours by cosine similarity", async () => {
    // Query (3, 4, 0), length 5:
    //   northeast (1, 1, 0): 7 / (5·√2) = 0.989949
    //   north     (0, 1, 0): 4 / 5      = 0.8
    //   east      (1, 0, 0): 3 / 5      = 0.6
    //   up        (0, 0, 1): 0
    const index = await buildIndex(directionModel());
    const hits = await index.search("mostly north", 3);

    expect(hits.map((hit) => hit.chunkId)).toEqual([
      "northeast#0",
      "north#0",
      "east#0",
    ]);
    expect(hits.map((hit) => hit.score)).toEqual([
      expect.closeTo(0.989949, 5),
      expect.closeTo(0.8, 5),
      expect.closeTo(0.6, 5),
    ]);
    expect(hits[0]).toMatchObject({
      documentId: "northeast",
      text: "northeast",
    });
  });

  it("embeds chunks in batches of maxBatchSize and the query alone", async () => {
    const model = directionModel(2);
    const index = await buildIndex(model);
    await index.search("mostly north", 1);

    expect(model.batches).toEqual([
      ["north", "east"],
      ["northeast", "blank"],
      ["up"],
      ["mostly north"],
    ]);
  });

  it("leaves zero vectors out of the index", async () => {
    const index = await buildIndex(directionModel());
    const hits = await index.search("mostly north", 10);

    expect(index.chunkCount).toBe(5);
    expect(hits.map((hit) => hit.chunkId)).toEqual([
      "northeast#0",
      "north#0",
      "east#0",
      "up#0",
    ]);
    expect(hits[3]?.score).toBeCloseTo(0, 6);
  });

  it("returns nothing for a query that embeds to the zero vector", async () => {
    const index = await buildIndex(directionModel());

    expect(await index.search("nowhere", 3)).toEqual([]);
    expect(await index.search("mostly north", 0)).toEqual([]);
  });

  it("rejects a model that returns vectors of the wrong length", async () => {
    const model = new FixedEmbeddingModel({
      dimensions: 3,
      vectors: { north: [0, 1] },
    });

    await expect(buildIndex(model)).rejects.toThrow(
      /returned a vector of 2 dimensions for text 1 of the batch; expected 3/,
    );
  });

  it("rejects topK beyond what sqlite-vec can return", async () => {
    const index = await buildIndex(directionModel());

    await expect(index.search("mostly north", 5000)).rejects.toThrow(
      FmopsError,
    );
  });
});
