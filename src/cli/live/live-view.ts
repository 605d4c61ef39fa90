import { Box, Text } from "ink";
import { createElement as h, type ReactElement } from "react";
import { formatDuration } from "../render/format-values.js";
import { describeFigures } from "../reporters/describe-figures.js";
import type {
  CellProgressView,
  ProgressSnapshot,
} from "../reporters/run-progress.js";

/** Cell rows shown at most; the others are counted in one line. */
export const MAX_CELL_ROWS = 8;

const BAR_WIDTH = 30;
const CELL_BAR_WIDTH = 12;
const WARNINGS_SHOWN = 3;

export interface LiveViewProps {
  snapshot: ProgressSnapshot;
  /** False under NO_COLOR: the same frame, without colour. */
  isColored: boolean;
}

/**
 * The live terminal view of a run: the overall bar and figures, the cells
 * in flight (a few rows, the rest counted), and the latest warnings.
 */
export function LiveView({ snapshot, isColored }: LiveViewProps): ReactElement {
  const color = (name: string) => (isColored ? name : undefined);
  const { completedCases, totalCases } = snapshot;
  return h(
    Box,
    { flexDirection: "column" },
    h(
      Text,
      { bold: isColored },
      `fmops bench · ${snapshot.experimentName} · run ${snapshot.runId}`,
    ),
    h(
      Text,
      null,
      h(
        Text,
        { color: color("cyan") },
        bar(completedCases, totalCases, BAR_WIDTH),
      ),
      ` ${completedCases}/${totalCases} cases ${percentOf(completedCases, totalCases)}` +
        ` · ${formatDuration(snapshot.elapsedMs)}`,
    ),
    h(
      Text,
      { color: snapshot.errorCount > 0 ? color("red") : undefined },
      describeFigures(snapshot).join(" · "),
    ),
    ...cellLines(snapshot.cells, color),
    ...snapshot.warnings
      .slice(-WARNINGS_SHOWN)
      .map((warning, index) =>
        h(
          Text,
          { key: `w${index}`, color: color("yellow") },
          `warning: ${warning}`,
        ),
      ),
  );
}

function cellLines(
  cells: readonly CellProgressView[],
  color: (name: string) => string | undefined,
): ReactElement[] {
  const inFlight = cells.filter(
    (cell) => cell.completedCases > 0 && cell.completedCases < cell.totalCases,
  );
  const done = cells.filter((cell) => cell.completedCases >= cell.totalCases);
  const waiting = cells.length - inFlight.length - done.length;
  const shown = inFlight.slice(0, MAX_CELL_ROWS);
  const rows = shown.map((cell) =>
    h(
      Text,
      { key: cell.key },
      `  ${bar(cell.completedCases, cell.totalCases, CELL_BAR_WIDTH)} ` +
        `${cell.completedCases}/${cell.totalCases} `,
      h(Text, { color: color("gray") }, cell.label),
      cell.errorCount > 0
        ? h(Text, { color: color("red") }, ` ${cell.errorCount} errors`)
        : "",
    ),
  );
  const hidden = inFlight.length - shown.length;
  const counts = [
    hidden > 0 ? `${hidden} more in flight` : "",
    `${done.length}/${cells.length} cells done`,
    waiting > 0 ? `${waiting} waiting` : "",
  ].filter((part) => part !== "");
  return [...rows, h(Text, { key: "counts" }, `  ${counts.join(" · ")}`)];
}

/** A bar of `width` cells, filled in proportion. */
export function bar(done: number, total: number, width: number): string {
  const share = total === 0 ? 0 : Math.min(1, done / total);
  const filled = Math.round(share * width);
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}]`;
}

function percentOf(done: number, total: number): string {
  return total === 0 ? "(0%)" : `(${Math.floor((done / total) * 100)}%)`;
}
