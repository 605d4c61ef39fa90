import type { RunRecord } from "../../spec/records.js";
import { countOf } from "../../util/count-of.js";
import { formatDuration, formatUsd } from "./format-values.js";

/** A few lines that say what a run was and how it went. */
export function renderRunHeader(
  run: RunRecord,
  questionCount?: number,
): string {
  const lines = [
    `Run ${run.id} · ${run.experimentName} · ${describeStatus(run)}`,
  ];
  const summary = run.summary;
  if (summary !== null) {
    const perCell =
      questionCount === undefined ? "" : ` × ${questionCount} questions`;
    lines.push(
      `${countOf(summary.cellCount, "cell")}${perCell} = ${summary.caseCount} cases, ` +
        `${summary.errorCount} errors · cost ${formatUsd(summary.costUsd)}`,
      `Indexes: ${summary.indexesBuilt} built` +
        (summary.indexesBuilt > 0
          ? ` in ${formatDuration(summary.indexBuildMs)}`
          : "") +
        `, ${summary.indexesReused} reused`,
    );
  }
  for (const { message, count } of summary?.commonErrors ?? []) {
    lines.push(`error in ${countOf(count, "case")}: ${message}`);
  }
  const commit =
    run.gitCommit === null ? "" : ` · commit ${run.gitCommit.slice(0, 12)}`;
  lines.push(`Started ${run.startedAt} · fmops ${run.fmopsVersion}${commit}`);
  for (const warning of run.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join("\n")}\n`;
}

function describeStatus(run: RunRecord): string {
  const took =
    run.summary === null ? "" : ` in ${formatDuration(run.summary.durationMs)}`;
  const reason = run.statusReason === null ? "" : ` (${run.statusReason})`;
  return `${run.status}${took}${reason}`;
}
