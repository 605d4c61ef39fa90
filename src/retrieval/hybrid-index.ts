import type {
  SearchHit,
  SearchIndex,
  SearchOptions,
} from "../spec/search-index.js";
import { assertTopK } from "./assert-top-k.js";
import { fuseRankings } from "./reciprocal-rank-fusion.js";

export interface HybridIndexOptions {
  /** Content key reported by the index. */
  key: string;
  /** Dense (embedding) index over the same chunks. */
  dense: SearchIndex;
  /** Keyword (BM25) index over the same chunks. */
  keyword: SearchIndex;
  /** Reciprocal rank fusion constant. @default 60 */
  rankConstant?: number;
  /**
   * Fewest candidates fetched from each part, so that a chunk ranked low by
   * one part but high by the other can still win. @default 50
   */
  minimumCandidateCount?: number;
}

/**
 * Hybrid retrieval: asks the dense and the keyword index for
 * `max(topK, minimumCandidateCount)` candidates each and fuses the two
 * rankings with reciprocal rank fusion. The hybrid owns its parts:
 * `close()` closes both.
 */
export class HybridIndex implements SearchIndex {
  readonly key: string;
  readonly #dense: SearchIndex;
  readonly #keyword: SearchIndex;
  readonly #rankConstant: number;
  readonly #minimumCandidateCount: number;

  constructor(options: HybridIndexOptions) {
    this.key = options.key;
    this.#dense = options.dense;
    this.#keyword = options.keyword;
    this.#rankConstant = options.rankConstant ?? 60;
    this.#minimumCandidateCount = options.minimumCandidateCount ?? 50;
  }

  get chunkCount(): number {
    return Math.max(this.#dense.chunkCount, this.#keyword.chunkCount);
  }

  async search(
    query: string,
    topK: number,
    options?: SearchOptions,
  ): Promise<SearchHit[]> {
    assertTopK(topK);
    if (topK === 0) return [];
    const candidateCount = Math.max(topK, this.#minimumCandidateCount);
    const rankings = await Promise.all([
      this.#dense.search(query, candidateCount, options),
      this.#keyword.search(query, candidateCount, options),
    ]);
    return fuseRankings(rankings, { k: this.#rankConstant, topK });
  }

  close(): void {
    this.#dense.close();
    this.#keyword.close();
  }
}
