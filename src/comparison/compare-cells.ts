import { scoresPerQuestion } from "../evaluation/case-score.js";
import type { CaseRecord } from "../spec/records.js";
import { pairedDifferenceTest } from "../statistics/paired-difference-test.js";

/** The chance of calling a difference real when there is none. */
export const SIGNIFICANCE_LEVEL = 0.05;

/** One metric of two cells, compared on the questions both answered. */
export interface MetricComparison {
  metric: string;
  /** Mean of the metric over the paired questions, in the first cell. */
  meanA: number;
  meanB: number;
  /** B − A, with its 95% paired bootstrap interval. */
  difference: number;
  low: number;
  high: number;
  /** Two-sided paired permutation test. */
  pValue: number;
  /** Questions scored in both cells. */
  pairCount: number;
  /**
   * p < 0.05. The permutation test decides rather than the interval: with
   * few questions a bootstrap interval is too narrow, the test is not.
   */
  isSignificant: boolean;
}

/**
 * Compares two cells metric by metric on the questions both scored, so
 * that each question is its own control: a paired test sees differences
 * that two independent means would hide in the spread between questions.
 * A question repeated with `--repeat` is one pair, of its repeats' means.
 */
export function compareCells(
  casesA: readonly CaseRecord[],
  casesB: readonly CaseRecord[],
  metrics: readonly string[],
): MetricComparison[] {
  return metrics.flatMap((metric) => {
    const pairs = pairScores(
      scoresPerQuestion(casesA, metric),
      scoresPerQuestion(casesB, metric),
    );
    const test = pairedDifferenceTest(pairs.left, pairs.right);
    if (test === null) return [];
    return [
      {
        metric,
        meanA: mean(pairs.left),
        meanB: mean(pairs.right),
        difference: test.meanDifference,
        low: test.low,
        high: test.high,
        pValue: test.pValue,
        pairCount: test.pairCount,
        isSignificant: test.pValue < SIGNIFICANCE_LEVEL,
      },
    ];
  });
}

function pairScores(
  scoresA: ReadonlyMap<string, number>,
  scoresB: ReadonlyMap<string, number>,
): { left: number[]; right: number[] } {
  const left: number[] = [];
  const right: number[] = [];
  for (const [question, scoreA] of scoresA) {
    const scoreB = scoresB.get(question);
    if (scoreB === undefined) continue;
    left.push(scoreA);
    right.push(scoreB);
  }
  return { left, right };
}

function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}
