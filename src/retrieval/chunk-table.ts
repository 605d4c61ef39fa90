import { LRUCache } from "lru-cache";
import { FmopsError } from "../errors/index.js";
import type { Chunk } from "../spec/chunk.js";
import type { SearchHit } from "../spec/search-index.js";
import type { IndexDatabase } from "./index-file.js";

/**
 * Creates the `chunks` table and fills it in one transaction. Row numbers
 * count from 1 in the order given; both indexes break ties by them, so
 * results follow chunk order when scores are equal.
 *
 * @param termCounts length of each chunk in analysed terms (keyword
 * indexes only); `null` leaves the column empty.
 */
export function writeChunkTable(
  database: IndexDatabase,
  chunks: readonly Chunk[],
  termCounts: readonly number[] | null,
): void {
  assertUniqueIds(chunks);
  database.exec(
    `CREATE TABLE chunks (
      row INTEGER PRIMARY KEY,
      chunk_id TEXT NOT NULL,
      document_id TEXT NOT NULL,
      chunk_index INTEGER NOT NULL,
      text TEXT NOT NULL,
      term_count INTEGER
    )`,
  );
  const insert = database.prepare(
    "INSERT INTO chunks VALUES (?, ?, ?, ?, ?, ?)",
  );
  database.transaction(() => {
    chunks.forEach((chunk, position) => {
      const termCount = termCounts?.[position] ?? null;
      const { id, documentId, index, text } = chunk;
      insert.run(position + 1, id, documentId, index, text, termCount);
    });
  })();
}

function assertUniqueIds(chunks: readonly Chunk[]): void {
  const seen = new Set<string>();
  for (const chunk of chunks) {
    if (seen.has(chunk.id)) {
      throw new FmopsError(
        "DATASET_INVALID",
        `chunk id "${chunk.id}" occurs twice; every chunk needs its own id`,
      );
    }
    seen.add(chunk.id);
  }
}

/** A chunk's fields as hits carry them. */
type ChunkFields = [chunkId: string, documentId: string, text: string];

/**
 * Memory for recently returned chunks, per open index. Questions of one
 * data set keep finding the same passages, and answering them from memory
 * spares a read of the index file per search.
 */
const CHUNK_CACHE_BYTES = 8 * 1024 * 1024;

/** Bytes a cached chunk takes besides its strings, roughly. */
const ENTRY_OVERHEAD_BYTES = 96;

/** Reads chunks back by row number to turn scored rows into hits. */
export class ChunkTable {
  readonly #selectByRows;
  readonly #recent: LRUCache<number, ChunkFields>;

  constructor(database: IndexDatabase, cacheBytes = CHUNK_CACHE_BYTES) {
    this.#recent = new LRUCache({
      maxSize: cacheBytes,
      sizeCalculation: ([chunkId, documentId, text]) =>
        ENTRY_OVERHEAD_BYTES +
        2 * (chunkId.length + documentId.length + text.length),
    });
    // One statement for the whole result list: a lookup per hit costs more
    // than the scoring itself on short queries.
    this.#selectByRows = database
      .prepare(
        `SELECT row, chunk_id, document_id, text FROM chunks
         WHERE row IN (SELECT value FROM json_each(?))`,
      )
      .raw();
  }

  /** Hits for `rows`, in the order given, scored by `scoreOf`. */
  toHits(rows: number[], scoreOf: (row: number) => number): SearchHit[] {
    // Gathered here, not looked up in the cache again: reading the missing
    // rows may push out rows found a moment ago.
    const found = new Map<number, ChunkFields>();
    const missing: number[] = [];
    for (const row of rows) {
      const fields = this.#recent.get(row);
      if (fields === undefined) missing.push(row);
      else found.set(row, fields);
    }
    if (missing.length > 0) this.#read(missing, found);
    return rows.map((row) => {
      const fields = found.get(row);
      if (fields === undefined) {
        throw new FmopsError("STORE_ERROR", `index has no chunk at row ${row}`);
      }
      const [chunkId, documentId, text] = fields;
      return { chunkId, documentId, text, score: scoreOf(row) };
    });
  }

  #read(rows: number[], into: Map<number, ChunkFields>): void {
    const columns = this.#selectByRows.all(JSON.stringify(rows)) as [
      number,
      ...ChunkFields,
    ][];
    for (const [row, ...fields] of columns) {
      into.set(row, fields);
      this.#recent.set(row, fields);
    }
  }
}
