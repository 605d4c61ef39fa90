import { BM25_EMBEDDER } from "../engine/index-key.js";
import type { ChunkingSpec } from "../spec/chunk.js";
import type { CellParams } from "../spec/experiment.js";

/** One index a cell reads: a chunking and the embedder that indexed it. */
export interface IndexNeed {
  chunking: ChunkingSpec;
  /** Embedder id; `local:bm25` for keyword indexes. */
  embedder: string;
}

/**
 * The indexes a cell's retrieval opens, as the engine opens them: dense
 * reads the embedder's index, bm25 the keyword index, hybrid both.
 */
export function indexNeedsOf(params: CellParams): IndexNeed[] {
  const { chunking, retrieval } = params;
  const embedder = params.embedder ?? BM25_EMBEDDER;
  const dense = { chunking, embedder };
  const keyword = { chunking, embedder: BM25_EMBEDDER };
  switch (retrieval) {
    case "dense":
      return [dense];
    case "bm25":
      return [keyword];
    case "hybrid":
      return embedder === BM25_EMBEDDER ? [keyword] : [dense, keyword];
  }
}

/** A stable name for a need, to find equal needs of different cells. */
export function indexNeedName(need: IndexNeed): string {
  return JSON.stringify([need.chunking, need.embedder]);
}

/** Local embedders run on this machine; nothing they do is billed. */
export function isLocalEmbedder(embedder: string): boolean {
  return embedder.startsWith("local:");
}
