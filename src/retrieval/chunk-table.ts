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

/** Reads chunks back by row number to turn scored rows into hits. */
export class ChunkTable {
  readonly #selectByRows;

  constructor(database: IndexDatabase) {
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
    if (rows.length === 0) return [];
    const found = new Map<number, [string, string, string]>();
    const columns = this.#selectByRows.all(JSON.stringify(rows)) as [
      number,
      string,
      string,
      string,
    ][];
    for (const [row, ...fields] of columns) found.set(row, fields);
    return rows.map((row) => {
      const fields = found.get(row);
      if (fields === undefined) {
        throw new FmopsError("STORE_ERROR", `index has no chunk at row ${row}`);
      }
      const [chunkId, documentId, text] = fields;
      return { chunkId, documentId, text, score: scoreOf(row) };
    });
  }
}
