import type { BenchEvent, Reporter } from "../../spec/bench-event.js";
import type { CellSummary } from "../../spec/records.js";
import { countOf } from "../../util/count-of.js";
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
  #questionCount = 0;
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
        this.#questionCount = event.questionCount;
        this.#write(
          `run ${event.runId}: ${event.experimentName}, ${countOf(event.cellCount, "cell")} × ${countOf(event.questionCount, "question")}`,
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
        this.#reportCell(event.summary);
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

  /**
   * A cell's headline score. A run that stops early summarises its
   * unfinished cells too; those are said to be partial, not counted done.
   */
  #reportCell(summary: CellSummary): void {
    const metric = this.#options.headlineMetric;
    const headline =
      metric === undefined
        ? ""
        : ` — ${metric} ${formatScore(summary.metrics[metric])}`;
    if (summary.caseCount < this.#questionCount) {
      this.#write(
        `cell (partial, ${summary.caseCount}/${this.#questionCount} cases): ${summary.label}${headline}`,
      );
      return;
    }
    this.#finishedCells += 1;
    this.#write(
      `cell ${this.#finishedCells}/${this.#cellCount}: ${summary.label}${headline}`,
    );
  }

  #write(line: string): void {
    this.#options.write(`${line}\n`);
  }
}
