import {
  formatDuration,
  formatMs,
  formatUsd,
} from "../render/format-values.js";
import type { ProgressSnapshot } from "./run-progress.js";

/**
 * The running figures of a run in short words, the same in the live view
 * and in plain lines: errors, cost so far, calls per second, median
 * latency and time left.
 */
export function describeFigures(snapshot: ProgressSnapshot): string[] {
  const errors = snapshot.errorCount === 1 ? "error" : "errors";
  const cost = snapshot.hasUnknownCost
    ? `${formatUsd(snapshot.costUsd)} + unknown`
    : formatUsd(snapshot.costUsd);
  return [
    `${snapshot.errorCount} ${errors}`,
    cost,
    `${snapshot.callsPerSecond.toFixed(1)} calls/s`,
    snapshot.p50LatencyMs === null
      ? "p50 –"
      : `p50 ${formatMs(snapshot.p50LatencyMs)} ms`,
    snapshot.etaMs === null ? "ETA –" : `ETA ${formatDuration(snapshot.etaMs)}`,
  ];
}
