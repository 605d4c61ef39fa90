import { FmopsError } from "../errors/index.js";

/**
 * Relevance judgements of one question: document id to grade. Grades above
 * 0 are relevant; 0 (or below) means judged non-relevant, as in trec_eval.
 */
export type RelevanceGrades = Readonly<Record<string, number>>;

/**
 * Share of the relevant documents found in the first `k` results.
 * `null` when the question has no relevant document (trec_eval skips it).
 */
export function recallAtK(
  rankedIds: readonly string[],
  grades: RelevanceGrades,
  k: number,
): number | null {
  const relevantCount = countRelevant(grades);
  if (relevantCount === 0) return null;
  return countRelevantInTop(rankedIds, grades, k) / relevantCount;
}

/**
 * Relevant documents in the first `k` results divided by `k`, even when
 * fewer than `k` results came back (trec_eval's P_k).
 */
export function precisionAtK(
  rankedIds: readonly string[],
  grades: RelevanceGrades,
  k: number,
): number | null {
  if (countRelevant(grades) === 0) return null;
  return countRelevantInTop(rankedIds, grades, k) / k;
}

/** 1 / rank of the first relevant document within `k`, else 0. */
export function reciprocalRankAtK(
  rankedIds: readonly string[],
  grades: RelevanceGrades,
  k: number,
): number | null {
  if (countRelevant(grades) === 0) return null;
  const top = topDistinct(rankedIds, k);
  const firstIndex = top.findIndex((id) => gradeOf(grades, id) > 0);
  return firstIndex === -1 ? 0 : 1 / (firstIndex + 1);
}

/**
 * Normalised discounted cumulative gain at `k` with the grade as gain, as
 * trec_eval's ndcg_cut: DCG = sum of grade_i / log2(i + 1) over ranks
 * i = 1..k, divided by the DCG of the judged grades sorted best first.
 */
export function ndcgAtK(
  rankedIds: readonly string[],
  grades: RelevanceGrades,
  k: number,
): number | null {
  const idealGains = Object.values(grades)
    .filter((grade) => grade > 0)
    .sort((left, right) => right - left);
  if (idealGains.length === 0) return null;
  const gains = topDistinct(rankedIds, k).map((id) => gradeOf(grades, id));
  return discountedGain(gains) / discountedGain(idealGains.slice(0, k));
}

function discountedGain(gains: readonly number[]): number {
  let total = 0;
  gains.forEach((gain, index) => {
    if (gain > 0) total += gain / Math.log2(index + 2);
  });
  return total;
}

function countRelevant(grades: RelevanceGrades): number {
  return Object.values(grades).filter((grade) => grade > 0).length;
}

function countRelevantInTop(
  rankedIds: readonly string[],
  grades: RelevanceGrades,
  k: number,
): number {
  return topDistinct(rankedIds, k).filter((id) => gradeOf(grades, id) > 0)
    .length;
}

/** Unjudged documents count as non-relevant. */
function gradeOf(grades: RelevanceGrades, id: string): number {
  return Object.hasOwn(grades, id) ? (grades[id] ?? 0) : 0;
}

/**
 * The first `k` distinct ids. Callers pass distinct ids already; a repeated
 * id is dropped here so that it cannot be counted twice.
 */
function topDistinct(rankedIds: readonly string[], k: number): string[] {
  if (!Number.isInteger(k) || k < 1) {
    throw new FmopsError(
      "USAGE",
      `metric cut-off k must be a positive integer, got ${String(k)}`,
    );
  }
  return [...new Set(rankedIds)].slice(0, k);
}
