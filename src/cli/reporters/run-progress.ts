import { percentile } from "../../evaluation/percentile.js";
import type { BenchEvent } from "../../spec/bench-event.js";

/** Latencies kept for the running median: the most recent calls. */
const LATENCY_WINDOW_CALLS = 500;

/** Calls per second are counted over this last stretch of time. */
const RATE_WINDOW_MS = 10_000;

/** One cell's progress. */
export interface CellProgressView {
  key: string;
  label: string;
  completedCases: number;
  totalCases: number;
  errorCount: number;
}

/** Where a run stands, as progress views show it. */
export interface ProgressSnapshot {
  runId: string;
  experimentName: string;
  completedCases: number;
  totalCases: number;
  errorCount: number;
  /** Sum of known call costs. */
  costUsd: number;
  /** Some call's price was unknown, so `costUsd` is a lower bound. */
  hasUnknownCost: boolean;
  callCount: number;
  callsPerSecond: number;
  /** Median latency of the recent successful calls; `null` before any. */
  p50LatencyMs: number | null;
  /** Time left at the pace so far; `null` until there is a pace. */
  etaMs: number | null;
  elapsedMs: number;
  cells: CellProgressView[];
  warnings: string[];
}

/**
 * Folds bench events into the figures progress views show. Views read a
 * snapshot when they redraw, so events stay cheap however many arrive.
 */
export class RunProgress {
  readonly #now: () => number;
  readonly #cells = new Map<string, CellProgressView>();
  readonly #latenciesMs: number[] = [];
  readonly #callTimesMs: number[] = [];
  readonly #warnings: string[] = [];
  #runId = "";
  #experimentName = "";
  #startMs: number;
  #completedCases = 0;
  #totalCases = 0;
  #errorCount = 0;
  #costUsd = 0;
  #hasUnknownCost = false;
  #callCount = 0;
  #firstCaseEndMs: number | null = null;
  #casesSinceFirst = 0;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
    this.#startMs = now();
  }

  apply(event: BenchEvent): void {
    switch (event.type) {
      case "run-start":
        this.#start(event);
        return;
      case "case-end":
        this.#endCase(event.cellKey, event.error !== null, event);
        return;
      case "call-end":
        this.#endCall(event.status === "ok", event.latencyMs, event.costUsd);
        return;
      case "warning":
        this.#warnings.push(event.message);
        return;
      default:
        return;
    }
  }

  snapshot(): ProgressSnapshot {
    const nowMs = this.#now();
    return {
      runId: this.#runId,
      experimentName: this.#experimentName,
      completedCases: this.#completedCases,
      totalCases: this.#totalCases,
      errorCount: this.#errorCount,
      costUsd: this.#costUsd,
      hasUnknownCost: this.#hasUnknownCost,
      callCount: this.#callCount,
      callsPerSecond: this.#callsPerSecond(nowMs),
      p50LatencyMs:
        this.#latenciesMs.length === 0
          ? null
          : percentile(this.#latenciesMs, 50),
      etaMs: this.#etaMs(nowMs),
      elapsedMs: nowMs - this.#startMs,
      cells: [...this.#cells.values()].map((cell) => ({ ...cell })),
      warnings: [...this.#warnings],
    };
  }

  #start(event: Extract<BenchEvent, { type: "run-start" }>): void {
    this.#runId = event.runId;
    this.#experimentName = event.experimentName;
    this.#startMs = this.#now();
    this.#totalCases = event.cellCount * event.questionCount;
    for (const cell of event.cells ?? []) {
      const completedCases = cell.recordedCases ?? 0;
      const errorCount = cell.recordedErrors ?? 0;
      this.#cells.set(cell.key, {
        key: cell.key,
        label: cell.label,
        completedCases,
        totalCases: event.questionCount,
        errorCount,
      });
      this.#completedCases += completedCases;
      this.#errorCount += errorCount;
    }
  }

  #endCase(
    cellKey: string,
    isError: boolean,
    totals: { completedCases: number; totalCases: number },
  ): void {
    this.#completedCases = totals.completedCases;
    this.#totalCases = totals.totalCases;
    if (isError) this.#errorCount += 1;
    const cell = this.#cells.get(cellKey);
    if (cell !== undefined) {
      cell.completedCases += 1;
      if (isError) cell.errorCount += 1;
    }
    if (this.#firstCaseEndMs === null) this.#firstCaseEndMs = this.#now();
    else this.#casesSinceFirst += 1;
  }

  #endCall(isOk: boolean, latencyMs: number, costUsd: number | null): void {
    this.#callCount += 1;
    this.#callTimesMs.push(this.#now());
    if (costUsd === null) this.#hasUnknownCost = true;
    else this.#costUsd += costUsd;
    if (!isOk) return;
    this.#latenciesMs.push(latencyMs);
    if (this.#latenciesMs.length > LATENCY_WINDOW_CALLS) {
      this.#latenciesMs.shift();
    }
  }

  #callsPerSecond(nowMs: number): number {
    const windowStartMs = nowMs - RATE_WINDOW_MS;
    while ((this.#callTimesMs[0] ?? nowMs) < windowStartMs) {
      this.#callTimesMs.shift();
    }
    const spanMs = Math.min(RATE_WINDOW_MS, nowMs - this.#startMs);
    return spanMs <= 0 ? 0 : (this.#callTimesMs.length * 1_000) / spanMs;
  }

  #etaMs(nowMs: number): number | null {
    if (this.#firstCaseEndMs === null || this.#casesSinceFirst === 0) {
      return null;
    }
    const msPerCase = (nowMs - this.#firstCaseEndMs) / this.#casesSinceFirst;
    return Math.max(0, this.#totalCases - this.#completedCases) * msPerCase;
  }
}
