import type {
  CallRecord,
  CaseRecord,
  CellRecord,
  CellSummary,
  RunRecord,
  RunStatus,
  RunSummary,
} from "../spec/records.js";

/** The part of the results store a running benchmark writes to. */
export interface RunWriter {
  createRun(run: RunRecord): void;
  saveCells(cells: CellRecord[]): void;
  recordCase(record: CaseRecord): void;
  recordCall(record: CallRecord): void;
  saveCellSummary(runId: string, summary: CellSummary): void;
  finishRun(
    runId: string,
    update: {
      status: RunStatus;
      statusReason: string | null;
      endedAt: string;
      summary: RunSummary;
      /** Every warning of the run, those known at its start included. */
      warnings: string[];
    },
  ): void;
  flush(): void;
}

/** Where the response cache keeps answers; the results store is one. */
export interface ResponseCacheStore {
  getCachedResponse(key: string): string | null;
  putCachedResponse(entry: {
    key: string;
    provider: string;
    modelId: string;
    responseJson: string;
  }): void;
}
