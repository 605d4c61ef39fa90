import type { CallKind, CellSummary, RunRecord } from "./records.js";

/** What the engine emits while a run goes on; reporters subscribe. */
export type BenchEvent =
  | {
      type: "run-start";
      runId: string;
      experimentName: string;
      cellCount: number;
      questionCount: number;
      /**
       * The cells in matrix order, for views that show each one, with the
       * cases and failed cases earlier sessions of a resumed run recorded.
       */
      cells?: Array<{
        key: string;
        label: string;
        recordedCases?: number;
        recordedErrors?: number;
      }>;
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
  | {
      /** A provider call ended (each try is one call); cache hits make none. */
      type: "call-end";
      provider: string;
      modelId: string;
      kind: CallKind;
      status: "ok" | "error";
      latencyMs: number;
      /** `null` when the model's price is unknown. */
      costUsd: number | null;
    }
  | { type: "cell-end"; summary: CellSummary }
  | { type: "warning"; message: string }
  | { type: "run-end"; run: RunRecord; cells: CellSummary[] };

export interface Reporter {
  onEvent(event: BenchEvent): void;
}
