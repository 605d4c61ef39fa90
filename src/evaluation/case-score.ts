import type { CaseRecord } from "../spec/records.js";
import { groupBy } from "../util/group-by.js";
import { questionOfCase } from "./repeat-ids.js";

/** A case's score; a failed case has none, whatever it recorded before failing. */
export function caseScore(
  record: Pick<CaseRecord, "error" | "scores">,
  metric: string,
): number | null {
  if (record.error !== null) return null;
  return record.scores[metric] ?? null;
}

/**
 * Per question, the mean of `metric` over the question's scored cases:
 * its repeats (`--repeat`), or its one case. Statistics resample
 * questions, not repeats: repeats of one question are not independent
 * draws, and counting each would make intervals too narrow.
 */
export function scoresPerQuestion(
  cases: ReadonlyArray<Pick<CaseRecord, "questionId" | "error" | "scores">>,
  metric: string,
): Map<string, number> {
  const sums = new Map<string, { total: number; count: number }>();
  for (const record of cases) {
    const score = caseScore(record, metric);
    if (score === null) continue;
    const question = questionOfCase(record.questionId);
    const sum = sums.get(question) ?? { total: 0, count: 0 };
    sum.total += score;
    sum.count += 1;
    sums.set(question, sum);
  }
  return new Map(
    [...sums].map(([question, { total, count }]) => [question, total / count]),
  );
}

/** Per cell key, the per-question scores of `metric` (see `scoresPerQuestion`). */
export function scoresByCell(
  cases: readonly CaseRecord[],
  metric: string,
): Map<string, number[]> {
  const byCell = groupBy(cases, (record) => record.cellKey);
  return new Map(
    [...byCell].map(([cellKey, own]) => [
      cellKey,
      [...scoresPerQuestion(own, metric).values()],
    ]),
  );
}
