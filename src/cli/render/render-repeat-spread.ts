import { questionOfCase } from "../../evaluation/repeat-ids.js";
import type { CaseRecord, CellSummary } from "../../spec/records.js";
import { meanOf } from "../../statistics/mean-of.js";
import { standardDeviationOf } from "../../statistics/standard-deviation.js";
import { groupBy } from "../../util/group-by.js";
import { formatScore } from "./format-values.js";

/** How one cell's answers and scores moved between repeats. */
export interface RepeatSpread {
  cellKey: string;
  /** Mean over questions of the standard deviation of `metric` across repeats. */
  meanStandardDeviation: number | null;
  /** Questions whose repeats did not all give the same answer. */
  variedQuestions: number;
  questionCount: number;
}

/**
 * What `--repeat` measures, per cell: how far a metric moves when the
 * same question is asked again, and how often the answer changes.
 */
export function repeatSpreads(
  cells: readonly CellSummary[],
  cases: readonly CaseRecord[],
  metric: string,
): RepeatSpread[] {
  return cells.map((cell) => {
    const ownCases = cases.filter((record) => record.cellKey === cell.cellKey);
    const groups = [
      ...groupBy(ownCases, (record) =>
        questionOfCase(record.questionId),
      ).values(),
    ];
    const deviations = groups.flatMap((group) => {
      const scores = group.flatMap((record) => record.scores[metric] ?? []);
      return scores.length < 2 ? [] : [standardDeviationOf(scores)];
    });
    const varied = groups.filter(
      (group) => new Set(group.map((record) => record.answer)).size > 1,
    );
    return {
      cellKey: cell.cellKey,
      meanStandardDeviation:
        deviations.length === 0 ? null : meanOf(deviations),
      variedQuestions: varied.length,
      questionCount: groups.length,
    };
  });
}

/** Lines for `fmops show`: one per cell, under a title naming the metric. */
export function renderRepeatSpread(
  cells: readonly CellSummary[],
  cases: readonly CaseRecord[],
  metric: string,
  repeat: number,
): string {
  const spreads = repeatSpreads(cells, cases, metric);
  const lines = [
    "",
    `Spread across ${repeat} repeats: standard deviation of ${metric} ` +
      "between repeats (mean over questions), questions whose answer changed",
  ];
  for (const [index, spread] of spreads.entries()) {
    const deviation = formatScore(spread.meanStandardDeviation);
    lines.push(
      `  ${cells[index]?.label ?? spread.cellKey}: sd ${deviation}, ` +
        `answer changed on ${spread.variedQuestions}/${spread.questionCount}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
