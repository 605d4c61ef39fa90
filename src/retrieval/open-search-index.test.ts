import {
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Chunk } from "../spec/chunk.js";
import type { SearchIndex } from "../spec/search-index.js";
import { FixedEmbeddingModel } from "./fixed-embedding-model.test-support.js";
import { openIndexDatabase } from "./index-file.js";
import {
  type OpenSearchIndexOptions,
  openSearchIndex,
} from "./open-search-index.js";

const CHUNKS: Chunk[] = [
  { id: "a#0", documentId: "a", index: 0, text: "dental care" },
  { id: "b#0", documentId: "b", index: 0, text: "claims paid in days" },
];

describe("openSearchIndex", () => {
  let cacheDir: string;
  let loadCount: number;
  const opened: SearchIndex[] = [];

  beforeEach(() => {
    cacheDir = mkdtempSync(join(tmpdir(), "fmops-cache-"));
    loadCount = 0;
  });

  afterEach(() => {
    for (const index of opened.splice(0)) index.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  function options(
    overrides: Partial<OpenSearchIndexOptions> = {},
  ): OpenSearchIndexOptions {
    return {
      cacheDir,
      key: "corpus-1",
      kind: { type: "bm25" },
      loadChunks: async () => {
        loadCount += 1;
        return CHUNKS;
      },
      ...overrides,
    };
  }

  async function open(overrides: Partial<OpenSearchIndexOptions> = {}) {
    const result = await openSearchIndex(options(overrides));
    opened.push(result.index);
    return result;
  }

  function indexFiles(): string[] {
    return readdirSync(join(cacheDir, "indexes")).sort();
  }

  it("builds into cacheDir/indexes/<key>.sqlite, creating folders", async () => {
    const nestedCacheDir = join(cacheDir, "nested", "cache");
    const first = await open({ cacheDir: nestedCacheDir });

    expect(first.isReused).toBe(false);
    expect(first.buildMs).toBeGreaterThan(0);
    expect(loadCount).toBe(1);
    expect(existsSync(join(nestedCacheDir, "indexes", "corpus-1.sqlite"))).toBe(
      true,
    );
    expect(first.index.key).toBe("corpus-1");
    expect(first.index.chunkCount).toBe(2);
    const hits = await first.index.search("dental", 5);
    expect(hits.map((hit) => hit.chunkId)).toEqual(["a#0"]);
  });

  it("reuses a complete file without loading chunks", async () => {
    await open();
    const second = await open();

    expect(second.isReused).toBe(true);
    expect(second.buildMs).toBe(0);
    expect(loadCount).toBe(1);
    const hits = await second.index.search("claim", 5);
    expect(hits.map((hit) => hit.chunkId)).toEqual(["b#0"]);
    expect(indexFiles()).toEqual(["corpus-1.sqlite"]);
  });

  it("rebuilds a file that lacks the complete marker", async () => {
    // Closed first: an open index keeps its file's shared lock.
    (await open()).index.close();
    const path = join(cacheDir, "indexes", "corpus-1.sqlite");
    const database = openIndexDatabase(path, { isReadOnly: false });
    database.prepare("DELETE FROM meta WHERE name = 'is_complete'").run();
    database.close();

    const reopened = await open();

    expect(reopened.isReused).toBe(false);
    expect(loadCount).toBe(2);
    expect(await reopened.index.search("dental", 5)).toHaveLength(1);
  });

  it("rebuilds a file SQLite cannot read", async () => {
    const folder = join(cacheDir, "indexes");
    await open({ key: "other" });
    writeFileSync(join(folder, "corpus-1.sqlite"), "not a database");

    const result = await open();

    expect(result.isReused).toBe(false);
    expect(await result.index.search("dental", 5)).toHaveLength(1);
  });

  it("builds a new file for a different key", async () => {
    await open();
    const other = await open({ key: "corpus-2" });

    expect(other.isReused).toBe(false);
    expect(loadCount).toBe(2);
    expect(indexFiles()).toEqual(["corpus-1.sqlite", "corpus-2.sqlite"]);
  });

  it("does not reuse a file of another kind under the same key", async () => {
    await open();
    const embeddingModel = new FixedEmbeddingModel({
      dimensions: 2,
      vectors: { "dental care": [1, 0], dental: [1, 0] },
    });
    const dense = await open({ kind: { type: "dense", embeddingModel } });

    expect(dense.isReused).toBe(false);
    expect(loadCount).toBe(2);
    const hits = await dense.index.search("dental", 5);
    expect(hits.map((hit) => hit.chunkId)).toEqual(["a#0"]);
    expect(
      (await open({ kind: { type: "dense", embeddingModel } })).isReused,
    ).toBe(true);
  });

  it("builds once for concurrent opens of one key", async () => {
    const [first, second] = await Promise.all([open(), open()]);

    expect(loadCount).toBe(1);
    expect([first.isReused, second.isReused].sort()).toEqual([false, true]);
    expect(first.index).not.toBe(second.index);
    expect(await second.index.search("dental", 5)).toHaveLength(1);
  });

  it("leaves no file behind when a build fails", async () => {
    const embeddingModel = new FixedEmbeddingModel({
      dimensions: 2,
      vectors: { "dental care": [1, 0, 0] },
    });

    await expect(
      open({ kind: { type: "dense", embeddingModel } }),
    ).rejects.toThrow(/expected 2/);
    expect(indexFiles()).toEqual([]);

    const retried = await open();
    expect(retried.isReused).toBe(false);
  });

  it("rejects a key that cannot name a file", async () => {
    await expect(open({ key: "../escape" })).rejects.toThrow(
      /cannot name a file/,
    );
  });
});
