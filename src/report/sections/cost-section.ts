import { formatUsd } from "../../cli/render/format-values.js";
import type { CallRecord } from "../../spec/records.js";
import type { ReportBlock } from "../document/report-block.js";

/** Where a run's provider spending went. */
export type SpendingPart = "embedding" | "generation" | "judging";

/** One part of the spending, summed over its calls. */
export interface SpendingTotal {
  part: SpendingPart;
  callCount: number;
  inputTokens: number;
  outputTokens: number;
  /** `null` when some call's price was unknown. */
  costUsd: number | null;
}

/**
 * The part a call belongs to: every embedding call (index builds,
 * retrieval, scoring) is embedding; chat calls are generation when they
 * serve the system and judging when they score it.
 */
export function spendingPartOf(call: CallRecord): SpendingPart {
  if (call.kind === "embedding") return "embedding";
  return call.purpose === "evaluation" ? "judging" : "generation";
}

/** Calls summed by part, in a fixed order, every part present. */
export function splitSpending(calls: readonly CallRecord[]): SpendingTotal[] {
  const parts: SpendingPart[] = ["embedding", "generation", "judging"];
  return parts.map((part) => {
    const own = calls.filter((call) => spendingPartOf(call) === part);
    return {
      part,
      callCount: own.length,
      inputTokens: sum(own.map((call) => call.inputTokens)),
      outputTokens: sum(own.map((call) => call.outputTokens)),
      costUsd: own.some((call) => call.costUsd === null)
        ? null
        : sum(own.map((call) => call.costUsd ?? 0)),
    };
  });
}

/** The cost split into embedding, generation and judging. */
export function costSection(calls: readonly CallRecord[]): ReportBlock[] {
  const heading: ReportBlock = { kind: "heading", level: 2, text: "Cost" };
  if (calls.length === 0) {
    return [
      heading,
      {
        kind: "paragraph",
        text: "No provider call was made: every model and embedder of this run is local, so it cost nothing.",
      },
    ];
  }
  const totals = splitSpending(calls);
  const overall = {
    callCount: sum(totals.map((total) => total.callCount)),
    inputTokens: sum(totals.map((total) => total.inputTokens)),
    outputTokens: sum(totals.map((total) => total.outputTokens)),
    costUsd: totals.some((total) => total.costUsd === null)
      ? null
      : sum(totals.map((total) => total.costUsd ?? 0)),
  };
  return [
    heading,
    {
      kind: "paragraph",
      text: "Every provider call and retry, index builds included; unknown prices show as unknown, never as $0.",
    },
    {
      kind: "table",
      table: {
        head: ["part", "calls", "input tokens", "output tokens", "cost"],
        rows: [...totals, { part: "total", ...overall }].map((total) => [
          total.part,
          String(total.callCount),
          String(total.inputTokens),
          String(total.outputTokens),
          formatUsd(total.costUsd),
        ]),
        align: ["left", "right", "right", "right", "right"],
      },
    },
  ];
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
