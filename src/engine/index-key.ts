import type { ChunkingSpec } from "../spec/chunk.js";
import type { EmbedderSpec } from "../spec/experiment.js";
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
  embedder: EmbedderSpec | typeof BM25_EMBEDDER,
): string {
  return contentKey({
    format: INDEX_FORMAT_VERSION,
    corpusHash,
    chunking,
    embedder: vectorIdentity(embedder),
  });
}

/**
 * What decides the vectors an embedder returns: its id, and for a remote
 * one the server and the requested length. Batch sizes and key names do
 * not change a vector, so they do not change the key.
 */
function vectorIdentity(embedder: EmbedderSpec | typeof BM25_EMBEDDER) {
  if (typeof embedder === "string") return embedder;
  const { baseUrl, endpoint, dimensions } = embedder.settings;
  const isPlain =
    baseUrl === undefined && endpoint === undefined && dimensions === undefined;
  return isPlain
    ? embedder.id
    : { id: embedder.id, baseUrl, endpoint, dimensions };
}

/** `recursive 256t/32`, `sentence 400c/0`, `none`. */
export function describeChunking(chunking: ChunkingSpec): string {
  if (chunking.strategy === "none") return "none";
  const unit = chunking.unit === "tokens" ? "t" : "c";
  return `${chunking.strategy} ${chunking.size}${unit}/${chunking.overlap}`;
}
