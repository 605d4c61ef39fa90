import { HybridIndex } from "../retrieval/hybrid-index.js";
import type { CellParams } from "../spec/experiment.js";
import type { SearchHit, SearchOptions } from "../spec/search-index.js";
import { BM25_EMBEDDER } from "./index-key.js";
import type { IndexProvider } from "./index-provider.js";

/** The cell's top-k chunks for a question, in the cell's retrieval mode. */
export async function retrieveHits(
  indexes: IndexProvider,
  params: CellParams,
  query: string,
  options: SearchOptions = {},
): Promise<SearchHit[]> {
  const { chunking, topK } = params;
  const embedder = params.embedder ?? BM25_EMBEDDER;
  switch (params.retrieval) {
    case "dense":
      return (await indexes.get(chunking, embedder)).search(
        query,
        topK,
        options,
      );
    case "bm25":
      return (await indexes.get(chunking, BM25_EMBEDDER)).search(
        query,
        topK,
        options,
      );
    case "hybrid":
      return retrieveHybrid(indexes, params, embedder, query, options);
  }
}

async function retrieveHybrid(
  indexes: IndexProvider,
  params: CellParams,
  embedder: string,
  query: string,
  options: SearchOptions,
): Promise<SearchHit[]> {
  const [dense, keyword] = await Promise.all([
    indexes.get(params.chunking, embedder),
    indexes.get(params.chunking, BM25_EMBEDDER),
  ]);
  // Not closed here: its parts belong to the index provider, which closes
  // them when the run ends.
  const hybrid = new HybridIndex({
    key: `${dense.key}+${keyword.key}`,
    dense,
    keyword,
  });
  return hybrid.search(query, params.topK, options);
}

/** Distinct document ids in the order their first chunk was ranked. */
export function rankedDocumentIds(hits: SearchHit[]): string[] {
  return [...new Set(hits.map((hit) => hit.documentId))];
}
