export interface SearchHit {
  chunkId: string;
  documentId: string;
  text: string;
  /** Higher is better; comparable only within one result list. */
  score: number;
}

/** A built, queryable index over the chunks of one corpus. */
export interface SearchIndex {
  /** Content key: corpus hash + chunking + embedder. */
  readonly key: string;
  readonly chunkCount: number;
  /** The best `topK` chunks for `query`, best first. */
  search(query: string, topK: number): Promise<SearchHit[]>;
  close(): void;
}
