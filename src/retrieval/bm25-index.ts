import { FmopsError } from "../errors/index.js";
import type { Chunk } from "../spec/chunk.js";
import type { SearchHit, SearchIndex } from "../spec/search-index.js";
import { analyzeText } from "./analyze-text.js";
import { assertTopK } from "./assert-top-k.js";
import {
  bm25InverseDocumentFrequency,
  bm25LengthNorm,
  bm25TermFrequencyPart,
  countTerms,
} from "./bm25-formula.js";
import { ChunkTable, writeChunkTable } from "./chunk-table.js";
import {
  type IndexDatabase,
  readMeta,
  readMetaNumber,
  writeMeta,
} from "./index-file.js";
import { PostingsCache, type TermPostings } from "./postings-cache.js";

/**
 * Okapi BM25 parameters. They are applied at search time, so one index
 * file serves every setting.
 */
export interface Bm25Parameters {
  /** How quickly repeated terms stop adding score. @default 0.9 */
  k1?: number;
  /** How much long chunks are penalised, from 0 (not) to 1. @default 0.4 */
  b?: number;
}

export interface Bm25IndexOptions extends Bm25Parameters {
  /** Content key reported by the index. */
  key: string;
}

/** Anserini's defaults, which its published BEIR figures use. */
const DEFAULT_K1 = 0.9;
const DEFAULT_B = 0.4;

/** Memory for the postings of recent query terms, per open index. */
const POSTINGS_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * Writes the inverted index of `chunks` into an empty database: the chunks
 * with their length in terms, each term with its document frequency and
 * postings (chunk row, term frequency), and the corpus statistics (chunk
 * count N, average length) in `meta`.
 */
export function writeBm25Index(
  database: IndexDatabase,
  chunks: readonly Chunk[],
): void {
  const termLists = chunks.map((chunk) => analyzeText(chunk.text));
  const termCounts = termLists.map((terms) => terms.length);
  writeChunkTable(database, chunks, termCounts);
  writePostings(database, collectPostings(termLists));

  const totalTerms = termCounts.reduce((sum, count) => sum + count, 0);
  const averageLength = chunks.length === 0 ? 0 : totalTerms / chunks.length;
  writeMeta(database, {
    chunk_count: chunks.length,
    average_length: averageLength,
  });
}

/** Term → flat [row, frequency, row, frequency, …] with rows ascending. */
function collectPostings(
  termLists: readonly string[][],
): Map<string, number[]> {
  const postings = new Map<string, number[]>();
  termLists.forEach((terms, position) => {
    const row = position + 1;
    for (const [term, frequency] of countTerms(terms)) {
      const list = postings.get(term);
      if (list === undefined) postings.set(term, [row, frequency]);
      else list.push(row, frequency);
    }
  });
  return postings;
}

/**
 * One row per term: its document frequency and its postings packed as
 * little-endian 32-bit (row, term frequency) pairs, rows ascending. A
 * query term then costs one B-tree lookup. Measured on SciFact (513k
 * postings, 26k terms) against one row per posting: writing takes 0.3 s
 * instead of 1.1 s, and reading a query's postings 0.7 ms instead of 4 ms.
 */
function writePostings(
  database: IndexDatabase,
  postings: Map<string, number[]>,
): void {
  database.exec(
    `CREATE TABLE terms (
      term TEXT PRIMARY KEY,
      document_frequency INTEGER NOT NULL,
      postings BLOB NOT NULL
    ) WITHOUT ROWID`,
  );
  const insert = database.prepare("INSERT INTO terms VALUES (?, ?, ?)");
  database.transaction(() => {
    for (const [term, list] of postings) {
      insert.run(term, list.length / 2, packPostings(list));
    }
  })();
}

function packPostings(list: readonly number[]): Buffer {
  const packed = Buffer.alloc(list.length * 4);
  list.forEach((value, position) => {
    packed.writeUInt32LE(value, position * 4);
  });
  return packed;
}

/**
 * Okapi BM25 over an index written by `writeBm25Index`, scored as Lucene
 * and Anserini score it:
 *
 *     idf     = ln(1 + (N − df + 0.5) / (df + 0.5))
 *     tf part = tf·(k1 + 1) / (tf + k1·(1 − b + b·length / averageLength))
 *
 * summed over the query's terms, a repeated query term once per
 * occurrence. Only the postings of the query's terms are read; chunk
 * lengths are held in memory (8 bytes a chunk).
 */
export class Bm25Index implements SearchIndex {
  readonly key: string;
  readonly chunkCount: number;
  readonly #database: IndexDatabase;
  readonly #chunks: ChunkTable;
  readonly #k1: number;
  /** Per row: k1·(1 − b + b·length / averageLength); index 0 unused. */
  readonly #lengthNorms: Float64Array;
  readonly #selectTerm;
  readonly #postings = new PostingsCache(POSTINGS_CACHE_BYTES);

  constructor(database: IndexDatabase, options: Bm25IndexOptions) {
    const k1 = options.k1 ?? DEFAULT_K1;
    const b = options.b ?? DEFAULT_B;
    assertParameters(k1, b);
    this.key = options.key;
    this.#database = database;
    this.#k1 = k1;
    this.#chunks = new ChunkTable(database);
    this.#lengthNorms = readLengthNorms(database, k1, b);
    this.chunkCount = this.#lengthNorms.length - 1;
    this.#selectTerm = database
      .prepare("SELECT document_frequency, postings FROM terms WHERE term = ?")
      .raw();
  }

  async search(query: string, topK: number): Promise<SearchHit[]> {
    assertTopK(topK);
    if (topK === 0) return [];
    const scores = new Float64Array(this.#lengthNorms.length);
    const matchedRows: number[] = [];
    for (const [term, occurrences] of countTerms(analyzeText(query))) {
      this.#addTermScores(term, occurrences, scores, matchedRows);
    }
    const bestRows = selectBest(matchedRows, scores, topK);
    return this.#chunks.toHits(bestRows, (row) => scores[row] ?? 0);
  }

  close(): void {
    this.#database.close();
  }

  #addTermScores(
    term: string,
    occurrences: number,
    scores: Float64Array,
    matchedRows: number[],
  ): void {
    const found = this.#postings.get(term, () => this.#readTerm(term));
    if (found === null) return;
    const { documentFrequency, postings } = found;
    const idf = bm25InverseDocumentFrequency(
      this.chunkCount,
      documentFrequency,
    );
    const weight = occurrences * idf;
    for (let at = 0; at < postings.length; at += 8) {
      const row = postings.readUInt32LE(at);
      const frequency = postings.readUInt32LE(at + 4);
      const lengthNorm = this.#lengthNorms[row] ?? this.#k1;
      const tfPart = bm25TermFrequencyPart(frequency, lengthNorm, this.#k1);
      const previousScore = scores[row] ?? 0;
      // Every term adds a positive amount, so 0 means not matched yet.
      if (previousScore === 0) matchedRows.push(row);
      scores[row] = previousScore + weight * tfPart;
    }
  }

  #readTerm(term: string): TermPostings | null {
    const found = this.#selectTerm.get(term) as [number, Buffer] | undefined;
    if (found === undefined) return null;
    const [documentFrequency, postings] = found;
    return { documentFrequency, postings };
  }
}

function assertParameters(k1: number, b: number): void {
  if (Number.isFinite(k1) && k1 >= 0 && b >= 0 && b <= 1) return;
  throw new FmopsError(
    "USAGE",
    `BM25 needs k1 ≥ 0 and b between 0 and 1, got k1=${k1}, b=${b}`,
  );
}

function readLengthNorms(
  database: IndexDatabase,
  k1: number,
  b: number,
): Float64Array {
  const meta = readMeta(database);
  const chunkCount = readMetaNumber(meta, "chunk_count") ?? 0;
  const averageLength = readMetaNumber(meta, "average_length") ?? 0;
  const norms = new Float64Array(chunkCount + 1);
  const rows = database
    .prepare("SELECT row, term_count FROM chunks")
    .raw()
    .iterate() as IterableIterator<[number, number]>;
  for (const [row, termCount] of rows) {
    norms[row] = bm25LengthNorm(termCount, averageLength, k1, b);
  }
  return norms;
}

/**
 * Matched rows by score, best first; equal scores in chunk order. A
 * native sort of the scores finds the cut-off first, so only the rows
 * that can make the top `topK` go through the slower two-key sort.
 */
function selectBest(
  matchedRows: number[],
  scores: Float64Array,
  topK: number,
): number[] {
  let rows = matchedRows;
  if (rows.length > topK) {
    const sortedScores = new Float64Array(rows.length);
    rows.forEach((row, position) => {
      sortedScores[position] = scores[row] ?? 0;
    });
    sortedScores.sort();
    const cutOff = sortedScores[sortedScores.length - topK] ?? 0;
    rows = rows.filter((row) => (scores[row] ?? 0) >= cutOff);
  }
  rows.sort((left, right) => {
    const difference = (scores[right] ?? 0) - (scores[left] ?? 0);
    return difference !== 0 ? difference : left - right;
  });
  return rows.slice(0, topK);
}
