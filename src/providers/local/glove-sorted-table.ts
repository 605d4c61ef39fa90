import type { GloveVectorTable } from "./glove-vector-table.js";

/** The parts of a sorted vocabulary, as laid out in the binary cache. */
export interface SortedWordTableParts {
  dimensions: number;
  /**
   * End offset of each word in `wordBytes`; word `i` spans
   * `[wordEnds[i - 1] ?? 0, wordEnds[i])`.
   */
  wordEnds: Uint32Array;
  /** The words in UTF-8, concatenated in ascending byte order, no repeats. */
  wordBytes: Uint8Array;
  /** One row of `dimensions` values per word, in the same order. */
  vectors: Float32Array;
}

const utf8 = new TextEncoder();

/** Lookups remembered per table; text repeats words (Zipf), so most hit. */
const REMEMBERED_WORD_LIMIT = 100_000;

/**
 * A word table that answers lookups by binary search over the sorted UTF-8
 * words. It needs no per-word object, so it can sit directly on the bytes
 * of the cache file: loading costs one read, whatever the vocabulary size.
 */
export function createSortedWordTable(
  parts: SortedWordTableParts,
): GloveVectorTable {
  const { dimensions, wordEnds, vectors } = parts;
  const rowByWord = new Map<string, number | undefined>();
  const findRemembered = (word: string): number | undefined => {
    if (rowByWord.has(word)) return rowByWord.get(word);
    if (rowByWord.size >= REMEMBERED_WORD_LIMIT) rowByWord.clear();
    const row = findRow(parts, utf8.encode(word));
    rowByWord.set(word, row);
    return row;
  };
  return {
    dimensions,
    wordCount: wordEnds.length,
    lookup(word) {
      const row = findRemembered(word);
      if (row === undefined) return undefined;
      return vectors.subarray(row * dimensions, (row + 1) * dimensions);
    },
  };
}

function findRow(
  { wordEnds, wordBytes }: SortedWordTableParts,
  query: Uint8Array,
): number | undefined {
  let low = 0;
  let high = wordEnds.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const start = middle === 0 ? 0 : (wordEnds[middle - 1] ?? 0);
    const end = wordEnds[middle] ?? 0;
    const order = compareBytes(query, wordBytes, start, end);
    if (order === 0) return middle;
    if (order < 0) high = middle - 1;
    else low = middle + 1;
  }
  return undefined;
}

/** Sign of `query` against `bytes[start, end)` in byte order. */
function compareBytes(
  query: Uint8Array,
  bytes: Uint8Array,
  start: number,
  end: number,
): number {
  const length = Math.min(query.length, end - start);
  for (let offset = 0; offset < length; offset += 1) {
    const difference = (query[offset] ?? 0) - (bytes[start + offset] ?? 0);
    if (difference !== 0) return difference;
  }
  return query.length - (end - start);
}
