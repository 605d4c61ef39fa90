import Table from "cli-table3";
import { resolveRun } from "../../baseline/resolve-baseline.js";
import {
  compareCells,
  type MetricComparison,
} from "../../comparison/compare-cells.js";
import { pairCellsByKey } from "../../comparison/pair-cells.js";
import { FmopsError } from "../../errors/fmops-error.js";
import type { CellRecord, RunRecord } from "../../spec/records.js";
import { openResultsStore } from "../../store/open-results-store.js";
import type { ResultsStore } from "../../store/results-store.js";
import type { CliIo } from "../cli-io.js";
import {
  formatChange,
  formatPValue,
  formatScore,
} from "../render/format-values.js";
import { rankCells } from "../render/render-leaderboard.js";
import { formatJson } from "../render/run-json.js";
import { runMetricNames } from "../render/run-metric-names.js";
import { resolveDbPath } from "../resolve-locations.js";

interface Side {
  run: RunRecord;
  cell: CellRecord;
}

export interface CellComparison {
  a: { runId: string; cellKey: string; label: string };
  b: { runId: string; cellKey: string; label: string };
  metrics: MetricComparison[];
}

/** Runs `fmops compare A B`. */
export function compare(
  referenceA: string,
  referenceB: string,
  flags: { db?: string; json?: boolean },
  io: CliIo,
): void {
  const store = openResultsStore(resolveDbPath(flags.db, io));
  try {
    const comparisons = pairSides(store, referenceA, referenceB).map(
      ([sideA, sideB]) => compareSides(store, sideA, sideB),
    );
    io.stdout.write(
      flags.json
        ? formatJson({ comparisons })
        : comparisons.map(renderComparison).join("\n"),
    );
  } finally {
    store.close();
  }
}

function compareSides(store: ResultsStore, a: Side, b: Side): CellComparison {
  const metrics = sharedMetrics(a.run, b.run);
  return {
    a: describeSide(a),
    b: describeSide(b),
    metrics: compareCells(
      store.getCases(a.run.id, a.cell.key),
      store.getCases(b.run.id, b.cell.key),
      metrics,
    ),
  };
}

/** The pairs of cells to compare, as the command's help describes. */
function pairSides(
  store: ResultsStore,
  referenceA: string,
  referenceB: string,
): Array<[Side, Side]> {
  const a = parseReference(store, referenceA);
  const b = parseReference(store, referenceB);
  if (a.cellPrefix !== null || b.cellPrefix !== null) {
    return [[pickCell(store, a), pickCell(store, b)]];
  }
  const shared = pairCellsByKey(
    store.getCells(a.run.id),
    store.getCells(b.run.id),
    (cell) => cell.key,
  );
  if (shared.length > 0) {
    return shared.map(([cellA, cellB]) => [
      { run: a.run, cell: cellA },
      { run: b.run, cell: cellB },
    ]);
  }
  return [[bestSide(store, a.run), bestSide(store, b.run)]];
}

function parseReference(store: ResultsStore, reference: string) {
  const [runReference = "", cellPrefix = null, ...rest] = reference.split(":");
  if (rest.length > 0 || cellPrefix === "") {
    throw new FmopsError(
      "USAGE",
      `"${reference}": expected RUN or RUN:CELL, such as latest:3f2a`,
    );
  }
  return { run: resolveRun(store, runReference), cellPrefix };
}

function pickCell(
  store: ResultsStore,
  reference: { run: RunRecord; cellPrefix: string | null },
): Side {
  if (reference.cellPrefix === null) return bestSide(store, reference.run);
  const prefix = reference.cellPrefix;
  const matches = store
    .getCells(reference.run.id)
    .filter((cell) => cell.key.startsWith(prefix));
  const [cell, ...others] = matches;
  if (cell === undefined || others.length > 0) {
    const found = matches.length === 0 ? "none" : `${matches.length} cells`;
    throw new FmopsError(
      "USAGE",
      `cell "${prefix}" of run ${reference.run.id}: expected one cell key starting so, found ${found}`,
    );
  }
  return { run: reference.run, cell };
}

/** A run's best cell by its first metric, as its leaderboard ranks it. */
function bestSide(store: ResultsStore, run: RunRecord): Side {
  const [metric] = runMetricNames(run);
  const [best] = rankCells(store.getCellSummaries(run.id), metric);
  const cell = store
    .getCells(run.id)
    .find((item) => item.key === best?.cellKey);
  if (cell === undefined) {
    throw new FmopsError(
      "USAGE",
      `run ${run.id} has no finished cell to compare`,
    );
  }
  return { run, cell };
}

function sharedMetrics(a: RunRecord, b: RunRecord): string[] {
  const metricsB = new Set(runMetricNames(b));
  return runMetricNames(a).filter((metric) => metricsB.has(metric));
}

function describeSide(side: Side) {
  return { runId: side.run.id, cellKey: side.cell.key, label: side.cell.label };
}

function renderComparison(comparison: CellComparison): string {
  const header =
    `A: ${comparison.a.runId} ${comparison.a.label}\n` +
    `B: ${comparison.b.runId} ${comparison.b.label}\n`;
  if (comparison.metrics.length === 0) {
    return `${header}No metric was scored in both.\n`;
  }
  const table = new Table({
    head: ["metric", "A", "B", "B − A", "95% interval", "p", "", "questions"],
    style: { head: [], border: [], compact: true },
  });
  for (const metric of comparison.metrics) {
    table.push([
      metric.metric,
      formatScore(metric.meanA),
      formatScore(metric.meanB),
      formatChange(metric.difference),
      `[${formatChange(metric.low)}, ${formatChange(metric.high)}]`,
      formatPValue(metric.pValue),
      metric.isSignificant ? "*" : "",
      String(metric.pairCount),
    ]);
  }
  return (
    `${header}${table.toString()}\n` +
    "* p < 0.05: more than noise (paired permutation test); questions: scored in both\n"
  );
}
