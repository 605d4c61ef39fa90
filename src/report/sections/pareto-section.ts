import { formatScore } from "../../cli/render/format-values.js";
import { countOf } from "../../util/count-of.js";
import type { ReportBlock } from "../document/report-block.js";
import type { ParetoChart } from "../pareto-charts.js";

/** How a report shows its charts. */
export type ChartPlacement =
  /** Markdown beside SVG files: `fileOf` names each chart's file. */
  | { kind: "linked"; fileOf: (chart: ParetoChart) => string }
  /** HTML: the SVG inside the page. */
  | { kind: "inline" }
  /** No chart, with a note saying where to get them. */
  | { kind: "omitted"; note: string };

/**
 * One subsection per chart: the chart, then the cells on its front, so
 * the trade-off can be read without the picture too.
 */
export function paretoSection(
  charts: readonly ParetoChart[],
  metric: string,
  placement: ChartPlacement,
  formatMeasure: Record<ParetoChart["id"], (value: number) => string>,
): ReportBlock[] {
  const blocks: ReportBlock[] = [
    { kind: "heading", level: 2, text: "Trade-offs" },
    {
      kind: "paragraph",
      text:
        `The Pareto front holds the cells that no other cell beats on both ` +
        `${metric} and the cost plotted; markers are leaderboard ranks.`,
    },
  ];
  if (placement.kind === "omitted") {
    blocks.push({ kind: "paragraph", text: placement.note });
  }
  for (const chart of charts) {
    blocks.push({ kind: "heading", level: 3, text: chart.title });
    blocks.push(...chartBlocks(chart, placement));
    if (chart.front.length === 0) continue;
    blocks.push({
      kind: "table",
      table: {
        head: ["cell on the front", metric, chart.measureLabel],
        rows: chart.front.map((cell) => [
          cell.label,
          formatScore(cell.metrics[metric]),
          formatMeasure[chart.id](chart.measure(cell) ?? 0),
        ]),
        align: ["left", "right", "right"],
      },
    });
  }
  return blocks;
}

function chartBlocks(
  chart: ParetoChart,
  placement: ChartPlacement,
): ReportBlock[] {
  const unplaced =
    chart.unplacedCount === 0
      ? []
      : [
          {
            kind: "paragraph" as const,
            text: `${countOf(chart.unplacedCount, "cell")} left out: no score, or an unknown value.`,
          },
        ];
  if (chart.svg === null || placement.kind === "omitted") return unplaced;
  const src = placement.kind === "linked" ? placement.fileOf(chart) : "";
  return [
    { kind: "figure", figure: { alt: chart.title, src, svg: chart.svg } },
    ...unplaced,
  ];
}
