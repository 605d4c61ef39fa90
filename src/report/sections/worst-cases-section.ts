import { formatScore } from "../../cli/render/format-values.js";
import { rankCells } from "../../cli/render/render-leaderboard.js";
import { caseScore } from "../../evaluation/case-score.js";
import type { CaseRecord, CellSummary } from "../../spec/records.js";
import type { ReportBlock } from "../document/report-block.js";
import { excerpt } from "../excerpt.js";

/** How many cases the section lists. */
export const WORST_CASE_COUNT = 10;

/**
 * Where the best cell goes wrong: its failed cases, then its lowest
 * scores of the first metric, in question order among equals.
 */
export function worstCasesSection(
  summaries: readonly CellSummary[],
  cases: readonly CaseRecord[],
  metric: string,
): ReportBlock[] {
  const [best] = rankCells([...summaries], metric);
  if (best === undefined) return [];
  const worst = worstCases(
    cases.filter((record) => record.cellKey === best.cellKey),
    metric,
  );
  if (worst.length === 0) return [];
  return [
    { kind: "heading", level: 2, text: "Worst cases" },
    {
      kind: "paragraph",
      text: [
        `The ${worst.length} lowest ${metric} scores of the best cell, `,
        { code: best.label },
        ", failed cases first.",
      ],
    },
    {
      kind: "table",
      table: {
        head: ["question", "text", metric, "answer", "error"],
        rows: worst.map((record) => [
          [{ code: record.questionId }],
          excerpt(record.question, 100),
          formatScore(caseScore(record, metric)),
          record.answer === null ? "–" : excerpt(record.answer),
          record.error === null ? "" : excerpt(record.error),
        ]),
        align: ["left", "left", "right", "left", "left"],
      },
    },
  ];
}

/** Failed cases first, then the lowest scores; unscored cases are left out. */
export function worstCases(
  cases: readonly CaseRecord[],
  metric: string,
  count = WORST_CASE_COUNT,
): CaseRecord[] {
  const rank = (record: CaseRecord) =>
    record.error !== null
      ? Number.NEGATIVE_INFINITY
      : (record.scores[metric] ?? null);
  return cases
    .map((record, order) => ({ record, order, rank: rank(record) }))
    .filter(
      (entry): entry is typeof entry & { rank: number } => entry.rank !== null,
    )
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, count)
    .map((entry) => entry.record);
}
