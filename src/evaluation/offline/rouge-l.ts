import { bestOverGolds } from "../answer-metrics.js";

/**
 * ROUGE-L F-measure: the longest common subsequence (LCS) of the
 * SQuAD-normalised words of prediction and gold, as the harmonic mean of
 * LCS / prediction length and LCS / gold length, taking the best gold
 * answer; `null` without gold answers. Unlike token F1 it rewards words
 * that appear in the gold answer's order.
 */
export function rougeL(
  prediction: string,
  golds: readonly string[],
): number | null {
  return bestOverGolds(prediction, golds, lcsFMeasure);
}

function lcsFMeasure(predictionWords: string[], goldWords: string[]): number {
  // As with token F1, two empty sides agree and one empty side scores 0.
  if (predictionWords.length === 0 || goldWords.length === 0) {
    return predictionWords.length === goldWords.length ? 1 : 0;
  }
  const commonLength = longestCommonSubsequenceLength(
    predictionWords,
    goldWords,
  );
  if (commonLength === 0) return 0;
  const precision = commonLength / predictionWords.length;
  const recall = commonLength / goldWords.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Classic dynamic programme, keeping one row: O(n·m) time, O(m) memory. */
export function longestCommonSubsequenceLength(
  left: readonly string[],
  right: readonly string[],
): number {
  let previousRow = new Array<number>(right.length + 1).fill(0);
  for (const leftWord of left) {
    const row = [0];
    for (let column = 1; column <= right.length; column += 1) {
      const isSameWord = right[column - 1] === leftWord;
      row.push(
        isSameWord
          ? (previousRow[column - 1] ?? 0) + 1
          : Math.max(previousRow[column] ?? 0, row[column - 1] ?? 0),
      );
    }
    previousRow = row;
  }
  return previousRow[right.length] ?? 0;
}
