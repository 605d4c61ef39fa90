import type { CaseRecord } from "../spec/records.js";

/** A case's score; a failed case has none, whatever it recorded before failing. */
export function caseScore(record: CaseRecord, metric: string): number | null {
  if (record.error !== null) return null;
  return record.scores[metric] ?? null;
}

/** Scores of `metric` by cell key, from the cases that ran without error. */
export function scoresByCell(
  cases: readonly CaseRecord[],
  metric: string,
): Map<string, number[]> {
  const scores = new Map<string, number[]>();
  for (const record of cases) {
    const score = caseScore(record, metric);
    if (score === null) continue;
    const list = scores.get(record.cellKey);
    if (list === undefined) scores.set(record.cellKey, [score]);
    else list.push(score);
  }
  return scores;
}
