import {
  formatChange,
  formatPValue,
  formatScore,
} from "../../cli/render/format-values.js";
import { rankCells } from "../../cli/render/render-leaderboard.js";
import {
  compareCells,
  type MetricComparison,
} from "../../comparison/compare-cells.js";
import { pairCellsByKey } from "../../comparison/pair-cells.js";
import { caseScore } from "../../evaluation/case-score.js";
import type { CaseRecord, CellSummary } from "../../spec/records.js";
import type { ReportBlock, RichText } from "../document/report-block.js";
import { excerpt } from "../excerpt.js";
import type { RunResults } from "../run-results.js";

/** How many per-question regressions the section lists. */
export const REGRESSION_COUNT = 10;

/** A cell of the run and the baseline cell it is compared with. */
export interface CellPair {
  current: CellSummary;
  baseline: CellSummary;
}

/** One question that scored lower than in the baseline. */
export interface QuestionRegression {
  pair: CellPair;
  current: CaseRecord;
  baselineScore: number;
  currentScore: number;
}

/**
 * Cells with the same key in both runs; when none is shared, the best
 * cell of each run by the first metric.
 */
export function pairWithBaseline(
  current: RunResults,
  baseline: RunResults,
): CellPair[] {
  const shared = pairCellsByKey(
    current.summaries,
    baseline.summaries,
    (cell) => cell.cellKey,
  );
  if (shared.length > 0) {
    return shared.map(([cell, match]) => ({ current: cell, baseline: match }));
  }
  const [bestCurrent] = rankCells(current.summaries, current.metricNames[0]);
  const [bestBaseline] = rankCells(baseline.summaries, baseline.metricNames[0]);
  return bestCurrent === undefined || bestBaseline === undefined
    ? []
    : [{ current: bestCurrent, baseline: bestBaseline }];
}

/**
 * Each metric of each paired cell compared on the questions both scored,
 * with a paired test; then the questions that dropped most.
 */
export function baselineSection(
  current: RunResults,
  baseline: RunResults,
): ReportBlock[] {
  const pairs = pairWithBaseline(current, baseline);
  const heading: ReportBlock = {
    kind: "heading",
    level: 2,
    text: "Against the baseline",
  };
  if (pairs.length === 0) {
    return [
      heading,
      { kind: "paragraph", text: "No finished cell to compare." },
    ];
  }
  const metrics = current.metricNames.filter((name) =>
    baseline.metricNames.includes(name),
  );
  const rows = pairs.flatMap((pair) =>
    comparePair(current, baseline, pair, metrics).map((comparison) =>
      comparisonRow(pair, comparison),
    ),
  );
  return [
    heading,
    {
      kind: "paragraph",
      text: [
        "Baseline run ",
        { code: baseline.run.id },
        ". Each metric is compared question by question on the questions " +
          "both runs scored: the change is this run minus the baseline, " +
          "with its 95% paired bootstrap interval and a paired permutation " +
          "p-value; significant means p < 0.05.",
      ],
    },
    {
      kind: "table",
      table: {
        head: [
          "cell",
          "metric",
          "baseline",
          "this run",
          "change",
          "95% interval",
          "p",
          "significant",
          "questions",
        ],
        rows,
        align: [
          "left",
          "left",
          "right",
          "right",
          "right",
          "right",
          "right",
          "left",
          "right",
        ],
      },
    },
    ...regressionBlocks(current, baseline, pairs),
  ];
}

function comparePair(
  current: RunResults,
  baseline: RunResults,
  pair: CellPair,
  metrics: readonly string[],
): MetricComparison[] {
  return compareCells(
    casesOf(baseline.cases, pair.baseline.cellKey),
    casesOf(current.cases, pair.current.cellKey),
    metrics,
  );
}

function comparisonRow(
  pair: CellPair,
  comparison: MetricComparison,
): RichText[] {
  return [
    pairLabel(pair),
    comparison.metric,
    formatScore(comparison.meanA),
    formatScore(comparison.meanB),
    formatChange(comparison.difference),
    `[${formatChange(comparison.low)}, ${formatChange(comparison.high)}]`,
    formatPValue(comparison.pValue),
    comparison.isSignificant
      ? [{ strong: comparison.difference < 0 ? "yes, lower" : "yes, higher" }]
      : "no",
    String(comparison.pairCount),
  ];
}

function regressionBlocks(
  current: RunResults,
  baseline: RunResults,
  pairs: readonly CellPair[],
): ReportBlock[] {
  const metric = current.metricNames[0];
  if (metric === undefined) return [];
  const regressions = largestRegressions(current, baseline, pairs, metric);
  const heading: ReportBlock = {
    kind: "heading",
    level: 3,
    text: `Largest per-question drops in ${metric}`,
  };
  if (regressions.length === 0) {
    return [
      heading,
      {
        kind: "paragraph",
        text: "No question scored lower than in the baseline.",
      },
    ];
  }
  return [
    heading,
    {
      kind: "table",
      table: {
        head: [
          "cell",
          "question",
          "text",
          "baseline",
          "this run",
          "change",
          "answer now",
        ],
        rows: regressions.map((regression) => [
          pairLabel(regression.pair),
          [{ code: regression.current.questionId }],
          excerpt(regression.current.question, 100),
          formatScore(regression.baselineScore),
          formatScore(regression.currentScore),
          formatChange(regression.currentScore - regression.baselineScore),
          regression.current.answer === null
            ? (regression.current.error ?? "–")
            : excerpt(regression.current.answer),
        ]),
        align: ["left", "left", "left", "right", "right", "right", "left"],
      },
    },
  ];
}

/** Questions that scored lower than in the baseline, largest drop first. */
export function largestRegressions(
  current: RunResults,
  baseline: RunResults,
  pairs: readonly CellPair[],
  metric: string,
  count = REGRESSION_COUNT,
): QuestionRegression[] {
  return pairs
    .flatMap((pair) => pairRegressions(current, baseline, pair, metric))
    .map((regression, order) => ({ regression, order }))
    .sort(
      (a, b) =>
        dropOf(a.regression) - dropOf(b.regression) || a.order - b.order,
    )
    .slice(0, count)
    .map(({ regression }) => regression);
}

function pairRegressions(
  current: RunResults,
  baseline: RunResults,
  pair: CellPair,
  metric: string,
): QuestionRegression[] {
  const baselineCases = new Map(
    casesOf(baseline.cases, pair.baseline.cellKey).map((record) => [
      record.questionId,
      record,
    ]),
  );
  return casesOf(current.cases, pair.current.cellKey).flatMap((record) => {
    const before = baselineCases.get(record.questionId);
    const baselineScore =
      before === undefined ? null : caseScore(before, metric);
    // A case that failed now dropped to nothing; one unscored is left out.
    const currentScore =
      record.error !== null ? 0 : (record.scores[metric] ?? null);
    if (baselineScore === null || currentScore === null) return [];
    if (currentScore >= baselineScore) return [];
    return [{ pair, current: record, baselineScore, currentScore }];
  });
}

function dropOf(regression: QuestionRegression): number {
  return regression.currentScore - regression.baselineScore;
}

function casesOf(cases: readonly CaseRecord[], cellKey: string): CaseRecord[] {
  return cases.filter((record) => record.cellKey === cellKey);
}

function pairLabel(pair: CellPair): string {
  return pair.current.cellKey === pair.baseline.cellKey
    ? pair.current.label
    : `${pair.current.label} vs ${pair.baseline.label}`;
}
