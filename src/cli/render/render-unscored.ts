import type { CaseRecord, CellSummary } from "../../spec/records.js";

/**
 * One line per metric that left cases unscored, over every cell: how many
 * of the cases that ran, and the most common reason given. Empty when
 * every case that ran was scored on every metric.
 */
export function renderUnscored(
  summaries: readonly CellSummary[],
  cases: readonly CaseRecord[],
  metricNames: readonly string[],
): string {
  const ranCount = sumOver(
    summaries,
    (cell) => cell.caseCount - cell.errorCount,
  );
  const lines = metricNames.flatMap((name) => {
    const count = sumOver(summaries, (cell) => cell.unscoredCounts[name] ?? 0);
    if (count === 0) return [];
    const reason = mostCommonReason(cases, name);
    const because = reason === null ? "" : ` (${reason})`;
    return [`  ${name}: ${count} of ${ranCount} cases unscored${because}`];
  });
  return lines.length === 0 ? "" : `Unscored:\n${lines.join("\n")}\n`;
}

function mostCommonReason(
  cases: readonly CaseRecord[],
  metric: string,
): string | null {
  const counts = new Map<string, number>();
  for (const record of cases) {
    const reason = record.unscoredReasons[metric];
    if (reason !== undefined) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [reason, count] of counts) {
    if (best === null || count > (counts.get(best) ?? 0)) best = reason;
  }
  return best;
}

function sumOver<Item>(
  items: readonly Item[],
  measure: (item: Item) => number,
): number {
  return items.reduce((total, item) => total + measure(item), 0);
}
