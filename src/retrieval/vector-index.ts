import * as sqliteVec from "sqlite-vec";
import { FmopsError } from "../errors/index.js";
import type { CallAttribution } from "../spec/call-attribution.js";
import type { Chunk } from "../spec/chunk.js";
import type { EmbeddingModel } from "../spec/embedding-model.js";
import type {
  SearchHit,
  SearchIndex,
  SearchOptions,
} from "../spec/search-index.js";
import { assertTopK } from "./assert-top-k.js";
import { ChunkTable, writeChunkTable } from "./chunk-table.js";
import {
  type IndexDatabase,
  readMeta,
  readMetaNumber,
  writeMeta,
} from "./index-file.js";

export interface VectorIndexOptions {
  /** Content key reported by the index. */
  key: string;
  /** Embeds queries; must be the model the chunks were embedded with. */
  embeddingModel: EmbeddingModel;
}

/** sqlite-vec refuses KNN queries that ask for more neighbours. */
export const MAX_VECTOR_TOP_K = 4096;

/**
 * Embeds `chunks` with `embeddingModel`, `maxBatchSize` texts a call, and
 * writes them with their vectors into an empty database, one transaction
 * per batch. Zero vectors (texts the model knows no word of) are left out:
 * cosine similarity is undefined for them.
 */
export async function writeVectorIndex(
  database: IndexDatabase,
  chunks: readonly Chunk[],
  embeddingModel: EmbeddingModel,
): Promise<void> {
  const dimensions = assertDimensions(embeddingModel);
  sqliteVec.load(database);
  writeChunkTable(database, chunks, null);
  database.exec(
    `CREATE VIRTUAL TABLE chunk_vectors USING vec0(
      embedding float[${dimensions}] distance_metric=cosine
    )`,
  );
  const insert = database.prepare(
    "INSERT INTO chunk_vectors (rowid, embedding) VALUES (?, ?)",
  );

  let vectorCount = 0;
  const batchSize = Math.max(1, Math.floor(embeddingModel.maxBatchSize));
  for (let start = 0; start < chunks.length; start += batchSize) {
    const batch = chunks.slice(start, start + batchSize);
    const vectors = await embedTexts(
      embeddingModel,
      batch.map((chunk) => chunk.text),
    );
    database.transaction(() => {
      vectors.forEach((vector, offset) => {
        if (isZeroVector(vector)) return;
        insert.run(BigInt(start + offset + 1), toBlob(vector));
        vectorCount += 1;
      });
    })();
  }
  writeMeta(database, {
    chunk_count: chunks.length,
    vector_count: vectorCount,
  });
}

/**
 * Exact nearest-neighbour search by cosine similarity over an index written
 * by `writeVectorIndex`. The query is embedded with the same model at
 * search time; a hit's score is 1 − cosine distance, that is the cosine
 * similarity itself.
 */
export class VectorIndex implements SearchIndex {
  readonly key: string;
  readonly chunkCount: number;
  readonly #database: IndexDatabase;
  readonly #embeddingModel: EmbeddingModel;
  readonly #chunks: ChunkTable;
  readonly #vectorCount: number;
  readonly #selectNearest;

  constructor(database: IndexDatabase, options: VectorIndexOptions) {
    sqliteVec.load(database);
    const meta = readMeta(database);
    this.key = options.key;
    this.chunkCount = readMetaNumber(meta, "chunk_count") ?? 0;
    this.#vectorCount = readMetaNumber(meta, "vector_count") ?? 0;
    this.#database = database;
    this.#embeddingModel = options.embeddingModel;
    this.#chunks = new ChunkTable(database);
    this.#selectNearest = database
      .prepare(
        `SELECT rowid, distance FROM chunk_vectors
         WHERE embedding MATCH ? AND k = ?`,
      )
      .raw();
  }

  async search(
    query: string,
    topK: number,
    options: SearchOptions = {},
  ): Promise<SearchHit[]> {
    assertVectorTopK(topK);
    const neighbourCount = Math.min(topK, this.#vectorCount);
    if (neighbourCount === 0) return [];
    const [vector] = await embedTexts(
      this.#embeddingModel,
      [query],
      options.attribution,
    );
    if (vector === undefined || isZeroVector(vector)) return [];
    const neighbours = this.#selectNearest.all(
      toBlob(vector),
      neighbourCount,
    ) as [number, number][];
    // vec0 allows no second sort key; equal distances go in chunk order.
    neighbours.sort(([leftRow, left], [rightRow, right]) =>
      left !== right ? left - right : leftRow - rightRow,
    );
    const distances = new Map(neighbours);
    return this.#chunks.toHits(
      neighbours.map(([row]) => row),
      (row) => 1 - (distances.get(row) ?? 1),
    );
  }

  close(): void {
    this.#database.close();
  }
}

function assertVectorTopK(topK: number): void {
  assertTopK(topK);
  if (topK <= MAX_VECTOR_TOP_K) return;
  throw new FmopsError(
    "USAGE",
    `dense search returns at most ${MAX_VECTOR_TOP_K} hits ` +
      `(the sqlite-vec limit), got topK ${topK}`,
  );
}

function assertDimensions(embeddingModel: EmbeddingModel): number {
  const { dimensions } = embeddingModel;
  if (Number.isInteger(dimensions) && dimensions > 0) return dimensions;
  throw new FmopsError(
    "USAGE",
    `${describeModel(embeddingModel)} declares ${dimensions} dimensions; ` +
      "expected a whole number above 0",
  );
}

/** Embeds texts and checks that the model kept its side of the contract. */
async function embedTexts(
  embeddingModel: EmbeddingModel,
  texts: string[],
  attribution?: CallAttribution,
): Promise<Float32Array[]> {
  const { embeddings } = await embeddingModel.embed({ texts, attribution });
  if (embeddings.length !== texts.length) {
    throw new FmopsError(
      "PROVIDER_ERROR",
      `${describeModel(embeddingModel)} returned ${embeddings.length} ` +
        `vectors for ${texts.length} texts`,
    );
  }
  embeddings.forEach((vector, position) => {
    if (vector.length === embeddingModel.dimensions) return;
    throw new FmopsError(
      "PROVIDER_ERROR",
      `${describeModel(embeddingModel)} returned a vector of ` +
        `${vector.length} dimensions for text ${position + 1} of the ` +
        `batch; expected ${embeddingModel.dimensions}`,
    );
  });
  return embeddings;
}

function describeModel(embeddingModel: EmbeddingModel): string {
  return `embedding model ${embeddingModel.provider}:${embeddingModel.modelId}`;
}

function isZeroVector(vector: Float32Array): boolean {
  return vector.every((component) => component === 0);
}

/** sqlite-vec reads a float vector as its raw little-endian bytes. */
function toBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}
