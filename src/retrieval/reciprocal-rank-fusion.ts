import { FmopsError } from "../errors/index.js";
import type { SearchHit } from "../spec/search-index.js";
import { assertTopK } from "./assert-top-k.js";

export interface FuseRankingsOptions {
  /**
   * Damping constant: larger values flatten the gap between top and lower
   * ranks. @default 60 (the value of the original RRF paper)
   */
  k?: number;
  /** How many fused hits to return. */
  topK: number;
}

/** What one chunk collected across the rankings. */
interface Candidate {
  hit: SearchHit;
  ranks: number[];
}

/**
 * Reciprocal rank fusion: a chunk scores Σ 1 / (k + rank) over the
 * rankings it appears in, rank counting from 1. Equal scores are ordered by
 * the chunk's best single rank, then by chunk id. A chunk listed twice in
 * one ranking counts at its first (best) place only. Each fused hit keeps
 * the text and document of its first appearance, with the fused score.
 */
export function fuseRankings(
  rankings: readonly (readonly SearchHit[])[],
  options: FuseRankingsOptions,
): SearchHit[] {
  const k = options.k ?? 60;
  assertDampingConstant(k);
  assertTopK(options.topK);

  const candidates = collectCandidates(rankings);
  const scored = [...candidates.values()].map((candidate) => ({
    ...candidate,
    score: fusedScore(candidate.ranks, k),
    bestRank: Math.min(...candidate.ranks),
  }));
  scored.sort(
    (left, right) =>
      right.score - left.score ||
      left.bestRank - right.bestRank ||
      compareText(left.hit.chunkId, right.hit.chunkId),
  );
  return scored
    .slice(0, options.topK)
    .map(({ hit, score }) => ({ ...hit, score }));
}

function collectCandidates(
  rankings: readonly (readonly SearchHit[])[],
): Map<string, Candidate> {
  const candidates = new Map<string, Candidate>();
  for (const ranking of rankings) {
    const seenInRanking = new Set<string>();
    ranking.forEach((hit, position) => {
      if (seenInRanking.has(hit.chunkId)) return;
      seenInRanking.add(hit.chunkId);
      const candidate = candidates.get(hit.chunkId);
      if (candidate === undefined) {
        candidates.set(hit.chunkId, { hit, ranks: [position + 1] });
      } else {
        candidate.ranks.push(position + 1);
      }
    });
  }
  return candidates;
}

/**
 * Sums in rank order so that chunks holding the same ranks in different
 * rankings get bit-identical scores and fall through to the tie-breaks.
 */
function fusedScore(ranks: number[], k: number): number {
  const sortedRanks = [...ranks].sort((left, right) => left - right);
  return sortedRanks.reduce((sum, rank) => sum + 1 / (k + rank), 0);
}

function compareText(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

function assertDampingConstant(k: number): void {
  if (Number.isFinite(k) && k >= 0) return;
  throw new FmopsError(
    "USAGE",
    `reciprocal rank fusion needs k ≥ 0, got ${String(k)}`,
  );
}
