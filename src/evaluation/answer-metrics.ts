import { answerWords, normalizeAnswer } from "./normalize-answer.js";

/**
 * 1 when the normalised prediction equals some normalised gold answer, else
 * 0; `null` when there is no gold answer to compare with.
 */
export function exactMatch(
  prediction: string,
  golds: readonly string[],
): number | null {
  if (golds.length === 0) return null;
  const normalized = normalizeAnswer(prediction);
  return golds.some((gold) => normalizeAnswer(gold) === normalized) ? 1 : 0;
}

/**
 * SQuAD token F1: the harmonic mean of precision and recall of the shared
 * words (each word counted as often as it occurs in both), taking the best
 * gold answer; `null` without gold answers.
 */
export function tokenF1(
  prediction: string,
  golds: readonly string[],
): number | null {
  return bestOverGolds(prediction, golds, wordF1);
}

/**
 * The best `score` of the prediction's normalised words against each gold
 * answer's; `null` without gold answers.
 */
export function bestOverGolds(
  prediction: string,
  golds: readonly string[],
  score: (predictionWords: string[], goldWords: string[]) => number,
): number | null {
  if (golds.length === 0) return null;
  const predictionWords = answerWords(prediction);
  let best = 0;
  for (const gold of golds) {
    best = Math.max(best, score(predictionWords, answerWords(gold)));
  }
  return best;
}

/**
 * 1 when some normalised gold answer appears in the normalised prediction as
 * a run of whole words ("10th century" is in "in the 10th century", "10th
 * cent" is not), else 0; `null` without gold answers. A gold answer that
 * normalises to nothing (such as "the") never counts as contained, since it
 * would be found in every prediction.
 */
export function containsAnswer(
  prediction: string,
  golds: readonly string[],
): number | null {
  if (golds.length === 0) return null;
  const paddedPrediction = ` ${normalizeAnswer(prediction)} `;
  const isFound = golds.some((gold) => {
    const normalized = normalizeAnswer(gold);
    return normalized !== "" && paddedPrediction.includes(` ${normalized} `);
  });
  return isFound ? 1 : 0;
}

function wordF1(predictionWords: string[], goldWords: string[]): number {
  // SQuAD 2.0 scores an empty side as 1 only when both sides are empty.
  if (predictionWords.length === 0 || goldWords.length === 0) {
    return predictionWords.length === goldWords.length ? 1 : 0;
  }
  const sharedCount = countSharedWords(predictionWords, goldWords);
  if (sharedCount === 0) return 0;
  const precision = sharedCount / predictionWords.length;
  const recall = sharedCount / goldWords.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Size of the multiset intersection of the two word lists. */
function countSharedWords(left: string[], right: string[]): number {
  const remaining = new Map<string, number>();
  for (const word of right) remaining.set(word, (remaining.get(word) ?? 0) + 1);
  let sharedCount = 0;
  for (const word of left) {
    const available = remaining.get(word) ?? 0;
    if (available > 0) {
      remaining.set(word, available - 1);
      sharedCount += 1;
    }
  }
  return sharedCount;
}
