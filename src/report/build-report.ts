import { formatMs, formatUsd } from "../cli/render/format-values.js";
import type { ReportBlock } from "./document/report-block.js";
import { buildParetoCharts, type ParetoChart } from "./pareto-charts.js";
import type { RunResults } from "./run-results.js";
import { axisEffectsSection } from "./sections/axis-effects-section.js";
import { baselineSection } from "./sections/baseline-section.js";
import { costSection } from "./sections/cost-section.js";
import { headerSection, reportTitle } from "./sections/header-section.js";
import { latencySection } from "./sections/latency-section.js";
import { leaderboardSection } from "./sections/leaderboard-section.js";
import {
  type ChartPlacement,
  paretoSection,
} from "./sections/pareto-section.js";
import { warningsSection } from "./sections/warnings-section.js";
import { worstCasesSection } from "./sections/worst-cases-section.js";

/** A report ready to render, and the charts its blocks show or link. */
export interface Report {
  title: string;
  blocks: ReportBlock[];
  charts: ParetoChart[];
}

/**
 * The report of a run, in reading order: header, leaderboard, trade-offs,
 * axis effects, cost, latency, worst cases, the baseline comparison when
 * there is a baseline, warnings and errors.
 */
export function buildReport(
  results: RunResults,
  baseline: RunResults | null,
  placement: ChartPlacement,
): Report {
  const metric = results.metricNames[0];
  const charts =
    metric === undefined ? [] : buildParetoCharts(results.summaries, metric);
  const blocks = [
    ...headerSection(results.run, baseline?.run ?? null),
    ...leaderboardSection(results.summaries, results.metricNames),
    ...(metric === undefined || results.summaries.length === 0
      ? []
      : [
          ...paretoSection(charts, metric, placement, {
            cost: formatUsd,
            latency: formatMs,
          }),
          ...axisEffectsSection(results.summaries, results.cases, metric),
        ]),
    ...costSection(results.calls),
    ...latencySection(results.summaries, results.calls, metric),
    ...(metric === undefined
      ? []
      : worstCasesSection(results.summaries, results.cases, metric)),
    ...(baseline === null ? [] : baselineSection(results, baseline)),
    ...warningsSection(results.run, results.calls),
  ];
  return { title: reportTitle(results.run), blocks, charts };
}
