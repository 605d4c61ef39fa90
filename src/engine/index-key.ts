import type { ChunkingSpec } from "../spec/chunk.js";
import { contentKey } from "../util/hash.js";

/** Bump when the on-disk layout of indexes changes, so old ones are rebuilt. */
const INDEX_FORMAT_VERSION = 1;

/** The embedder id that selects keyword (BM25) indexing. */
export const BM25_EMBEDDER = "local:bm25";

/**
 * The content key of an index: equal keys mean an identical index, so one
 * built by an earlier run (or another experiment) can be reused.
 */
export function indexKey(
  corpusHash: string,
  chunking: ChunkingSpec,
  embedder: string,
): string {
  return contentKey({
    format: INDEX_FORMAT_VERSION,
    corpusHash,
    chunking,
    embedder,
  });
}

/** `recursive 256t/32`, `sentence 400c/0`, `none`. */
export function describeChunking(chunking: ChunkingSpec): string {
  if (chunking.strategy === "none") return "none";
  const unit = chunking.unit === "tokens" ? "t" : "c";
  return `${chunking.strategy} ${chunking.size}${unit}/${chunking.overlap}`;
}
