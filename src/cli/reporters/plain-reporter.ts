import type { BenchEvent, Reporter } from "../../spec/bench-event.js";
import { formatDuration, formatScore } from "../render/format-values.js";
import { describeFigures } from "./describe-figures.js";
import { RunProgress } from "./run-progress.js";

export interface PlainReporterOptions {
  write: (line: string) => void;
  /** The metric quoted when a cell ends; the experiment's first one. */
  headlineMetric: string | undefined;
  /** Least time between two progress lines. @default 2000 */
  progressIntervalMs?: number;
  now?: () => number;
}

/**
 * Progress as plain lines, one thought per line, no escape codes: what CI
 * logs and pipes want.
 */
export class PlainReporter implements Reporter {
  readonly #options: PlainReporterOptions;
  readonly #now: () => number;
  readonly #progress: RunProgress;
  #lastProgressMs = Number.NEGATIVE_INFINITY;
  #cellCount = 0;
  #finishedCells = 0;

  constructor(options: PlainReporterOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    this.#progress = new RunProgress(this.#now);
  }

  onEvent(event: BenchEvent): void {
    this.#progress.apply(event);
    switch (event.type) {
      case "run-start":
        this.#cellCount = event.cellCount;
        this.#write(
          `run ${event.runId}: ${event.experimentName}, ${event.cellCount} cells × ${event.questionCount} questions`,
        );
        return;
      case "index-ready":
        this.#write(
          event.isReused
            ? `index reused: ${event.description} (${event.chunkCount} chunks)`
            : `index built: ${event.description} (${event.chunkCount} chunks, ${formatDuration(event.durationMs)})`,
        );
        return;
      case "case-end":
        this.#reportProgress(event.completedCases, event.totalCases);
        return;
      case "cell-end":
        this.#reportCell(event.summary.label, event.summary.metrics);
        return;
      case "warning":
        this.#write(`warning: ${event.message}`);
        return;
      case "run-end":
        return;
    }
  }

  #reportProgress(completed: number, total: number): void {
    const nowMs = this.#now();
    const intervalMs = this.#options.progressIntervalMs ?? 2_000;
    if (completed < total && nowMs - this.#lastProgressMs < intervalMs) return;
    this.#lastProgressMs = nowMs;
    const percent = Math.floor((completed / total) * 100);
    const figures = describeFigures(this.#progress.snapshot());
    this.#write(
      `progress: ${completed}/${total} cases (${percent}%) · ${figures.join(" · ")}`,
    );
  }

  #reportCell(label: string, metrics: Record<string, number | null>): void {
    this.#finishedCells += 1;
    const metric = this.#options.headlineMetric;
    const headline =
      metric === undefined
        ? ""
        : ` — ${metric} ${formatScore(metrics[metric])}`;
    this.#write(
      `cell ${this.#finishedCells}/${this.#cellCount}: ${label}${headline}`,
    );
  }

  #write(line: string): void {
    this.#options.write(`${line}\n`);
  }
}
