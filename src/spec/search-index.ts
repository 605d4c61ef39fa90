export interface SearchHit {
  chunkId: string;
  documentId: string;
  text: string;
  /** Higher is better; comparable only within one result list. */
  score: number;
}

import type { CallAttribution } from "./call-attribution.js";

export interface SearchOptions {
  /** Passed on to the query's embedding call, for the engine's records. */
  attribution?: CallAttribution;
}

/** A built, queryable index over the chunks of one corpus. */
export interface SearchIndex {
  /** Content key: corpus hash + chunking + embedder. */
  readonly key: string;
  readonly chunkCount: number;
  /** The best `topK` chunks for `query`, best first. */
  search(
    query: string,
    topK: number,
    options?: SearchOptions,
  ): Promise<SearchHit[]>;
  close(): void;
}
