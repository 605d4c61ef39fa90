import type { CellSummary, RunRecord } from "./records.js";

/** What the engine emits while a run goes on; reporters subscribe. */
export type BenchEvent =
  | {
      type: "run-start";
      runId: string;
      experimentName: string;
      cellCount: number;
      questionCount: number;
    }
  | {
      type: "index-ready";
      indexKey: string;
      description: string;
      chunkCount: number;
      isReused: boolean;
      durationMs: number;
    }
  | {
      type: "case-end";
      cellKey: string;
      questionId: string;
      completedCases: number;
      totalCases: number;
      error: string | null;
    }
  | { type: "cell-end"; summary: CellSummary }
  | { type: "warning"; message: string }
  | { type: "run-end"; run: RunRecord; cells: CellSummary[] };

export interface Reporter {
  onEvent(event: BenchEvent): void;
}
