import Table from "cli-table3";
import type { RunRecord } from "../../spec/records.js";
import type { RunLabel } from "../../store/labels.js";
import { openResultsStore } from "../../store/open-results-store.js";
import type { CliIo } from "../cli-io.js";
import { formatDuration, formatUsd } from "../render/format-values.js";
import { formatJson, toRunJson } from "../render/run-json.js";
import { resolveDbPath } from "../resolve-locations.js";
import type { RunsFlags } from "./runs-command.js";

/** Runs `fmops runs`: recorded runs, newest first, with their labels. */
export function listRuns(flags: RunsFlags, io: CliIo): void {
  const store = openResultsStore(resolveDbPath(flags.db, io));
  try {
    const runs = store.listRuns({ limit: flags.limit });
    const labels = labelsByRun(store.labels.list());
    const labelsOf = (run: RunRecord) => labels.get(run.id) ?? [];
    io.stdout.write(
      flags.json
        ? formatJson({
            runs: runs.map((run) => ({
              ...toRunJson(run),
              labels: labelsOf(run),
            })),
          })
        : renderRunList(runs, labelsOf),
    );
  } finally {
    store.close();
  }
}

function labelsByRun(labels: RunLabel[]): Map<string, string[]> {
  const byRun = new Map<string, string[]>();
  for (const { name, runId } of labels) {
    byRun.set(runId, [...(byRun.get(runId) ?? []), name]);
  }
  return byRun;
}

function renderRunList(
  runs: RunRecord[],
  labelsOf: (run: RunRecord) => string[],
): string {
  if (runs.length === 0) return "No runs recorded yet.\n";
  const table = new Table({
    head: [
      "run",
      "experiment",
      "status",
      "started",
      "took",
      "cells",
      "cases",
      "cost",
      "labels",
    ],
    style: { head: [], border: [], compact: true },
  });
  for (const run of runs) {
    const summary = run.summary;
    table.push([
      run.id,
      run.experimentName,
      run.status,
      run.startedAt.replace("T", " ").slice(0, 19),
      summary === null ? "–" : formatDuration(summary.durationMs),
      summary === null ? "–" : String(summary.cellCount),
      summary === null ? "–" : String(summary.caseCount),
      summary === null ? "–" : formatUsd(summary.costUsd),
      labelsOf(run).join(", "),
    ]);
  }
  return `${table.toString()}\n`;
}
