import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ChunkTable, writeChunkTable } from "./chunk-table.js";

function tableOf(texts: string[], cacheBytes: number) {
  const database = new Database(":memory:");
  writeChunkTable(
    database,
    texts.map((text, index) => ({
      id: `doc#${index}`,
      documentId: "doc",
      index,
      text,
    })),
    null,
  );
  return { database, table: new ChunkTable(database, cacheBytes) };
}

describe("ChunkTable", () => {
  it("answers a repeated search from memory, even once the file is gone", () => {
    const { database, table } = tableOf(["alpha", "beta", "gamma"], 10_000);
    const first = table.toHits([3, 1], (row) => row / 10);
    database.close();
    // A closed database throws on any read: the second answer is cached.
    const second = table.toHits([1, 3], (row) => row / 10);
    expect(first.map((hit) => hit.text)).toEqual(["gamma", "alpha"]);
    expect(second).toEqual([
      { chunkId: "doc#0", documentId: "doc", text: "alpha", score: 0.1 },
      { chunkId: "doc#2", documentId: "doc", text: "gamma", score: 0.3 },
    ]);
  });

  it("returns every hit of a list longer than its memory holds", () => {
    // 96 + 2·(5 + 3 + 20) = 152 bytes a chunk: room for one of them.
    const texts = ["a", "b", "c", "d"].map((letter) => letter.repeat(20));
    const { table } = tableOf(texts, 200);
    table.toHits([2], () => 1);
    const hits = table.toHits([1, 2, 3, 4], () => 1);
    expect(hits.map((hit) => hit.text)).toEqual(texts);
  });

  it("refuses a row the index does not hold", () => {
    const { table } = tableOf(["alpha"], 10_000);
    expect(() => table.toHits([2], () => 1)).toThrow(
      "index has no chunk at row 2",
    );
  });
});
