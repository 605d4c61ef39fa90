import { formatMs } from "../../cli/render/format-values.js";
import { rankCells } from "../../cli/render/render-leaderboard.js";
import { latencyPercentiles } from "../../evaluation/percentile.js";
import type { CallRecord, CellSummary } from "../../spec/records.js";
import { groupBy } from "../../util/group-by.js";
import type { ReportBlock, RichText } from "../document/report-block.js";

/**
 * Case latency percentiles per cell, then call latency per model, where
 * the run called providers.
 */
export function latencySection(
  summaries: readonly CellSummary[],
  calls: readonly CallRecord[],
  metric: string | undefined,
): ReportBlock[] {
  if (summaries.length === 0) return [];
  const blocks: ReportBlock[] = [
    { kind: "heading", level: 2, text: "Latency" },
    {
      kind: "paragraph",
      text: "Per case, retrieval and generation together, in milliseconds.",
    },
    {
      kind: "table",
      table: {
        head: ["cell", "p50", "p95", "p99"],
        rows: rankCells([...summaries], metric).map((cell) => [
          cell.label,
          formatMs(cell.latencyMs.p50),
          formatMs(cell.latencyMs.p95),
          formatMs(cell.latencyMs.p99),
        ]),
        align: ["left", "right", "right", "right"],
      },
    },
  ];
  if (calls.length > 0) blocks.push(...callLatencyBlocks(calls));
  return blocks;
}

function callLatencyBlocks(calls: readonly CallRecord[]): ReportBlock[] {
  const byModel = groupBy(
    calls,
    (call) => `${call.provider}:${call.modelId} (${call.kind})`,
  );
  const rows = [...byModel].map(([model, own]): RichText[] => {
    const latency = latencyPercentiles(own.map((call) => call.latencyMs));
    const firstTokens = own.flatMap((call) =>
      call.timeToFirstTokenMs === null ? [] : [call.timeToFirstTokenMs],
    );
    return [
      [{ code: model }],
      String(own.length),
      String(own.filter((call) => call.status === "error").length),
      formatMs(latency.p50),
      formatMs(latency.p95),
      firstTokens.length === 0
        ? "–"
        : formatMs(latencyPercentiles(firstTokens).p50),
    ];
  });
  return [
    {
      kind: "paragraph",
      text: "Per provider call and retry, in milliseconds:",
    },
    {
      kind: "table",
      table: {
        head: ["model", "calls", "errors", "p50", "p95", "first token p50"],
        rows,
        align: ["left", "right", "right", "right", "right", "right"],
      },
    },
  ];
}
