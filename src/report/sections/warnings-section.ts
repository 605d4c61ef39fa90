import type { CallRecord, RunRecord } from "../../spec/records.js";
import { countOf } from "../../util/count-of.js";
import type { ReportBlock, RichText } from "../document/report-block.js";

/** The run's warnings, why it ended badly, and its most common errors. */
export function warningsSection(
  run: RunRecord,
  calls: readonly CallRecord[],
): ReportBlock[] {
  const items: RichText[] = [];
  if (run.status !== "completed" && run.statusReason !== null) {
    items.push(`The run ${run.status}: ${run.statusReason}`);
  }
  for (const warning of run.warnings) items.push(`Warning: ${warning}`);
  for (const { message, count } of run.summary?.commonErrors ?? []) {
    items.push(`Error in ${countOf(count, "case")}: ${message}`);
  }
  for (const [errorClass, count] of failedCallsByClass(calls)) {
    items.push(`${countOf(count, "provider call")} failed with ${errorClass}`);
  }
  return [
    { kind: "heading", level: 2, text: "Warnings and errors" },
    items.length === 0
      ? { kind: "paragraph", text: "None: no warning, no failed case or call." }
      : { kind: "list", items },
  ];
}

function failedCallsByClass(calls: readonly CallRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) {
    if (call.status !== "error") continue;
    const errorClass = call.errorClass ?? "an unclassified error";
    counts.set(errorClass, (counts.get(errorClass) ?? 0) + 1);
  }
  return counts;
}
