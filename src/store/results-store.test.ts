import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FmopsError } from "../errors/fmops-error.js";
import type { CellParams } from "../spec/experiment.js";
import type {
  CallRecord,
  CaseRecord,
  CellRecord,
  CellSummary,
  RunRecord,
} from "../spec/records.js";
import { openResultsStore } from "./open-results-store.js";
import type { ResultsStore } from "./results-store.js";

const generatingParams: CellParams = {
  chunking: { strategy: "recursive", size: 256, overlap: 32, unit: "tokens" },
  embedder: "local:glove-100d",
  topK: 3,
  retrieval: "hybrid",
  model: {
    alias: "reader",
    provider: "local",
    model: "extractive",
    temperature: 0,
  },
  prompt: {
    id: "prompts/grounded.md",
    template: "Answer from {{context}}: {{question}}",
    contentHash: "9f2c",
  },
};

const retrievalOnlyParams: CellParams = {
  chunking: { strategy: "none", size: 0, overlap: 0, unit: "characters" },
  embedder: null,
  topK: 5,
  retrieval: "bm25",
  model: null,
  prompt: null,
};

function sampleRun(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: "20261203-171205-4f2a",
    experimentName: "handbook-rag",
    experimentPath: "/repo/experiments/handbook.yaml",
    configJson: '{"name":"handbook-rag"}',
    configHash: "c0ffee",
    datasetHash: "da7a",
    gitCommit: null,
    fmopsVersion: "0.1.0",
    startedAt: "2026-12-03T17:12:05.000Z",
    endedAt: null,
    status: "running",
    statusReason: null,
    warnings: ["temperature ignored by local:extractive"],
    summary: null,
    ...overrides,
  };
}

function sampleCells(runId: string): CellRecord[] {
  return [
    {
      runId,
      key: "cell-b",
      label: "recursive/256t · glove · k3",
      params: generatingParams,
    },
    {
      runId,
      key: "cell-a",
      label: "none · bm25 · k5",
      params: retrievalOnlyParams,
    },
  ];
}

function sampleCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    runId: "20261203-171205-4f2a",
    cellKey: "cell-b",
    questionId: "q1",
    question: "How many vacation days?",
    answer: "25 days",
    retrievedChunkIds: ["leave.md#0", "leave.md#3"],
    retrievedDocumentIds: ["leave.md"],
    retrievalLatencyMs: 1.25,
    generationLatencyMs: 40.5,
    latencyMs: 41.75,
    inputTokens: 812,
    outputTokens: 9,
    costUsd: 0.000125,
    error: null,
    isCached: false,
    scores: { exact_match: 1, token_f1: 0.8, faithfulness: null },
    unscoredReasons: {
      faithfulness: "judge reply was not valid JSON after 2 tries",
    },
    evaluationInputTokens: 1_204,
    evaluationOutputTokens: 57,
    evaluationCostUsd: 0.000215,
    ...overrides,
  };
}

function sampleCall(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    runId: "20261203-171205-4f2a",
    cellKey: "cell-b",
    questionId: "q1",
    kind: "chat",
    provider: "openai",
    modelId: "gpt-4o-mini",
    startedAt: "2026-12-03T17:12:06.010Z",
    latencyMs: 640.5,
    timeToFirstTokenMs: 210.25,
    inputTokens: 812,
    outputTokens: 9,
    costUsd: 0.000125,
    status: "ok",
    errorMessage: null,
    errorClass: null,
    attempt: 1,
    purpose: "system",
    ...overrides,
  };
}

function sampleSummary(overrides: Partial<CellSummary> = {}): CellSummary {
  return {
    cellKey: "cell-b",
    label: "recursive/256t · glove · k3",
    params: generatingParams,
    caseCount: 2,
    errorCount: 1,
    metrics: { token_f1: 0.8, faithfulness: null },
    scoredCounts: { token_f1: 1, faithfulness: 0 },
    unscoredCounts: { token_f1: 0, faithfulness: 1 },
    intervals: { token_f1: { low: 0.8, high: 0.8 }, faithfulness: null },
    latencyMs: { p50: 41.75, p95: 41.75, p99: 41.75 },
    inputTokens: 812,
    outputTokens: 9,
    costUsd: null,
    evaluationCostUsd: 0.000215,
    ...overrides,
  };
}

let folder: string;
let path: string;
let store: ResultsStore;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "fmops-store-"));
  path = join(folder, "results.sqlite");
  store = openResultsStore(path);
});

afterEach(() => {
  store.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A second connection, as another process would read the file. */
function countRowsFromOutside(table: "cases" | "calls" | "scores"): number {
  const reader = new Database(path, { readonly: true });
  try {
    return Number(
      reader.prepare(`SELECT count(*) FROM ${table}`).pluck().get(),
    );
  } finally {
    reader.close();
  }
}

describe("ResultsStore round trip", () => {
  it("reads back a run exactly as written, nulls included", () => {
    const run = sampleRun();
    store.createRun(run);
    expect(store.findRun(run.id)).toEqual(run);
  });

  it("reads back a finished run with its end and summary", () => {
    store.createRun(sampleRun({ gitCommit: "83fb10f" }));
    const summary = {
      cellCount: 2,
      caseCount: 4,
      errorCount: 1,
      commonErrors: [{ message: "openai: 429 Too Many Requests", count: 1 }],
      indexesBuilt: 1,
      indexesReused: 0,
      indexBuildMs: 812.5,
      durationMs: 5021,
      costUsd: 0.00025,
    };
    store.finishRun("20261203-171205-4f2a", {
      status: "failed",
      statusReason: "budget of $0.0002 exceeded",
      endedAt: "2026-12-03T17:12:10.021Z",
      summary,
    });
    expect(store.findRun("20261203-171205-4f2a")).toEqual(
      sampleRun({
        gitCommit: "83fb10f",
        status: "failed",
        statusReason: "budget of $0.0002 exceeded",
        endedAt: "2026-12-03T17:12:10.021Z",
        summary,
      }),
    );
  });

  it("replaces the warnings when the run ends with its full list", () => {
    store.createRun(sampleRun());
    const end = {
      status: "completed" as const,
      statusReason: null,
      endedAt: "2026-12-03T17:12:10.021Z",
      summary: null,
    };
    store.finishRun("20261203-171205-4f2a", end);
    expect(store.findRun("20261203-171205-4f2a")?.warnings).toEqual([
      "temperature ignored by local:extractive",
    ]);

    const warnings = ["temperature ignored by local:extractive", "no price"];
    store.finishRun("20261203-171205-4f2a", { ...end, warnings });
    expect(store.findRun("20261203-171205-4f2a")?.warnings).toEqual(warnings);
  });

  it("reads back cells in the order they were saved", () => {
    store.createRun(sampleRun());
    const cells = sampleCells("20261203-171205-4f2a");
    store.saveCells(cells);
    expect(store.getCells("20261203-171205-4f2a")).toEqual(cells);
  });

  it("reads back cases with their scores, null scores included", () => {
    store.createRun(sampleRun());
    const answered = sampleCase();
    const failed = sampleCase({
      cellKey: "cell-a",
      questionId: "q2",
      answer: null,
      retrievedChunkIds: [],
      retrievedDocumentIds: [],
      generationLatencyMs: null,
      costUsd: null,
      error: "provider returned 500",
      scores: {},
      unscoredReasons: {},
      evaluationInputTokens: 0,
      evaluationOutputTokens: 0,
      evaluationCostUsd: null,
    });
    store.recordCase(answered);
    store.recordCase(failed);
    expect(store.getCases("20261203-171205-4f2a")).toEqual([answered, failed]);
    expect(store.getCases("20261203-171205-4f2a", "cell-a")).toEqual([failed]);
  });

  it("tells a case answered from the response cache from a fresh one", () => {
    store.createRun(sampleRun());
    const fresh = sampleCase();
    const cached = sampleCase({ questionId: "q2", isCached: true });
    store.recordCase(fresh);
    store.recordCase(cached);
    expect(store.getCases("20261203-171205-4f2a")).toEqual([fresh, cached]);
  });

  it("reads back calls, those serving many cells included", () => {
    store.createRun(sampleRun());
    const chat = sampleCall();
    const indexBuild = sampleCall({
      cellKey: null,
      questionId: null,
      kind: "embedding",
      modelId: "text-embedding-3-small",
      timeToFirstTokenMs: null,
      outputTokens: 0,
      costUsd: null,
      status: "error",
      errorMessage: "429 Too Many Requests",
      errorClass: "rate_limit",
      attempt: 2,
    });
    store.recordCall(chat);
    store.recordCall(indexBuild);
    expect(store.getCalls("20261203-171205-4f2a")).toEqual([chat, indexBuild]);
    expect(store.getCalls("20261203-171205-4f2a", "cell-b")).toEqual([chat]);
    expect(store.countCalls("20261203-171205-4f2a")).toBe(2);
  });

  it("reads back cell summaries in the order cells were saved", () => {
    store.createRun(sampleRun());
    store.saveCells(sampleCells("20261203-171205-4f2a"));
    const second = sampleSummary({
      cellKey: "cell-a",
      label: "none · bm25 · k5",
      params: retrievalOnlyParams,
      costUsd: 0,
    });
    const first = sampleSummary();
    // Saved in the opposite order of the cells, read in the cells' order.
    store.saveCellSummary("20261203-171205-4f2a", second);
    expect(store.getCellSummaries("20261203-171205-4f2a")).toEqual([second]);
    store.saveCellSummary("20261203-171205-4f2a", first);
    expect(store.getCellSummaries("20261203-171205-4f2a")).toEqual([
      first,
      second,
    ]);
  });

  it("adds the cell when a summary arrives for a cell not saved yet", () => {
    store.createRun(sampleRun());
    store.saveCellSummary("20261203-171205-4f2a", sampleSummary());
    expect(store.getCells("20261203-171205-4f2a")).toEqual([
      sampleCells("20261203-171205-4f2a")[0],
    ]);
  });

  it("returns empty lists and null for a run it does not hold", () => {
    expect(store.findRun("20990101-000000-0000")).toBeNull();
    expect(store.getCells("nope")).toEqual([]);
    expect(store.getCases("nope")).toEqual([]);
    expect(store.countCalls("nope")).toBe(0);
  });
});

describe("ResultsStore writes", () => {
  it("refuses a second run with the same id, naming it and the file", () => {
    store.createRun(sampleRun());
    expect(() => store.createRun(sampleRun())).toThrow(
      `Could not create run 20261203-171205-4f2a in results store ${path}`,
    );
  });

  it("replaces a case recorded again, scores included", () => {
    store.createRun(sampleRun());
    store.recordCase(
      sampleCase({
        answer: null,
        error: "timeout",
        scores: {},
        unscoredReasons: {},
      }),
    );
    store.flush();
    const retried = sampleCase({
      scores: { token_f1: 0.5 },
      unscoredReasons: {},
    });
    store.recordCase(retried);
    // Both versions in one batch: the later one wins as well.
    store.recordCase(sampleCase({ questionId: "q2", answer: "first" }));
    store.recordCase(sampleCase({ questionId: "q2", answer: "second" }));
    const cases = store.getCases("20261203-171205-4f2a");
    expect(cases).toEqual([
      retried,
      sampleCase({ questionId: "q2", answer: "second" }),
    ]);
    expect(countRowsFromOutside("cases")).toBe(2);
    // token_f1 for q1, then exact_match, token_f1, faithfulness for q2.
    expect(countRowsFromOutside("scores")).toBe(4);
  });

  it("keeps saving cells idempotent, so a resumed run can save them again", () => {
    store.createRun(sampleRun());
    const cells = sampleCells("20261203-171205-4f2a");
    store.saveCells(cells);
    store.saveCellSummary("20261203-171205-4f2a", sampleSummary());
    store.saveCells(cells);
    expect(store.getCells("20261203-171205-4f2a")).toEqual(cells);
    expect(store.getCellSummaries("20261203-171205-4f2a")).toHaveLength(1);
  });

  it("reports finishing an unknown run as RUN_NOT_FOUND", () => {
    const finishing = () =>
      store.finishRun("20990101-000000-0000", {
        status: "completed",
        statusReason: null,
        endedAt: "2099-01-01T00:00:01.000Z",
        summary: null,
      });
    expect(finishing).toThrow(
      expect.objectContaining({ code: "RUN_NOT_FOUND" }),
    );
  });

  it("refuses a case for a run that does not exist when it writes", () => {
    store.recordCase(sampleCase({ runId: "missing-run" }));
    expect(() => store.flush()).toThrow(/FOREIGN KEY constraint failed/);
    // The batch stays pending; dropping the bad row is the caller's choice.
    expect(store.pendingRowCount).toBe(1);
    expect(() => store.close()).toThrow(FmopsError);
    expect(store.isClosed).toBe(true);
  });

  it("names the table, column and row of a damaged JSON column", () => {
    store.createRun(sampleRun());
    const editor = new Database(path);
    editor.prepare("UPDATE runs SET warnings_json = '[oops'").run();
    editor.close();
    expect(() => store.findRun("latest")).toThrow(
      expect.objectContaining({
        code: "STORE_ERROR",
        message: expect.stringContaining(
          "Column runs.warnings_json of row 20261203-171205-4f2a holds invalid JSON",
        ),
      }),
    );
  });

  it("refuses to record into a closed store", () => {
    store.close();
    expect(() => store.recordCall(sampleCall())).toThrow(
      `Cannot record a call: results store ${path} is closed`,
    );
  });
});

describe("ResultsStore batching", () => {
  it("keeps cases and calls out of the file until flushed", () => {
    store.createRun(sampleRun());
    store.recordCase(sampleCase());
    store.recordCall(sampleCall());
    expect(countRowsFromOutside("cases")).toBe(0);
    expect(countRowsFromOutside("calls")).toBe(0);
    expect(store.pendingRowCount).toBe(2);

    store.flush();
    expect(countRowsFromOutside("cases")).toBe(1);
    expect(countRowsFromOutside("calls")).toBe(1);
    expect(store.pendingRowCount).toBe(0);
  });

  it("writes a full batch of 256 rows without being asked", () => {
    store.createRun(sampleRun());
    for (let index = 0; index < 255; index++) {
      store.recordCall(sampleCall({ questionId: `q${index}` }));
    }
    expect(countRowsFromOutside("calls")).toBe(0);
    store.recordCase(sampleCase());
    expect(countRowsFromOutside("calls")).toBe(255);
    expect(countRowsFromOutside("cases")).toBe(1);
  });

  it("writes pending rows on its own once the delay has passed", async () => {
    const timedStore = openResultsStore(join(folder, "timed.sqlite"), {
      flushDelayMs: 5,
    });
    try {
      timedStore.createRun(sampleRun());
      timedStore.recordCall(sampleCall());
      expect(timedStore.pendingRowCount).toBe(1);
      // Equal delays fire in the order they were set: the store's first.
      await sleep(5);
      expect(timedStore.pendingRowCount).toBe(0);
      expect(timedStore.countCalls("20261203-171205-4f2a")).toBe(1);
    } finally {
      timedStore.close();
    }
  });

  it("writes pending rows when the run finishes", () => {
    store.createRun(sampleRun());
    store.recordCase(sampleCase());
    store.finishRun("20261203-171205-4f2a", {
      status: "completed",
      statusReason: null,
      endedAt: "2026-12-03T17:12:07.000Z",
      summary: null,
    });
    expect(countRowsFromOutside("cases")).toBe(1);
  });
});

describe("ResultsStore durability", () => {
  it("keeps rows recorded in a run that never finished", () => {
    store.createRun(sampleRun());
    store.saveCells(sampleCells("20261203-171205-4f2a"));
    store.recordCase(sampleCase());
    store.recordCall(sampleCall());
    store.close();

    store = openResultsStore(path);
    expect(store.findRun("latest")?.status).toBe("running");
    expect(store.getCases("20261203-171205-4f2a")).toEqual([sampleCase()]);
    expect(store.countCalls("20261203-171205-4f2a")).toBe(1);
  });

  it("writes pending rows when the process exits without closing it", () => {
    const hooksBefore = process.listeners("exit");
    const exitingStore = openResultsStore(join(folder, "exiting.sqlite"));
    const exitHook = process
      .listeners("exit")
      .find((listener) => !hooksBefore.includes(listener));
    if (exitHook === undefined) throw new Error("the store set no exit hook");
    exitingStore.createRun(sampleRun());
    exitingStore.recordCase(sampleCase());

    // Run the hook the way process exit would, without exiting the runner.
    exitHook(0);
    expect(exitingStore.isClosed).toBe(true);
    expect(process.listeners("exit")).not.toContain(exitHook);
    const reopened = openResultsStore(join(folder, "exiting.sqlite"));
    expect(reopened.getCases("20261203-171205-4f2a")).toEqual([sampleCase()]);
    reopened.close();
  });
});

describe("ResultsStore finding runs", () => {
  const ids = [
    "20261203-090000-aaaa",
    "20261203-120000-bbbb",
    "20261203-120000-bbbc",
  ];

  beforeEach(() => {
    // Created out of start order, to show the order comes from started_at.
    store.createRun(
      sampleRun({ id: ids[1], startedAt: "2026-12-03T12:00:00.000Z" }),
    );
    store.createRun(
      sampleRun({ id: ids[0], startedAt: "2026-12-03T09:00:00.000Z" }),
    );
    store.createRun(
      sampleRun({ id: ids[2], startedAt: "2026-12-03T12:00:00.500Z" }),
    );
  });

  it("lists runs newest first, limited on request", () => {
    const listed = store.listRuns().map((run) => run.id);
    expect(listed).toEqual([ids[2], ids[1], ids[0]]);
    expect(store.listRuns({ limit: 2 }).map((run) => run.id)).toEqual([
      ids[2],
      ids[1],
    ]);
  });

  it("refuses a limit that is not a whole number of runs", () => {
    expect(() => store.listRuns({ limit: 2.5 })).toThrow(
      "must be a whole number of 0 or more, got 2.5",
    );
    expect(() => store.listRuns({ limit: -1 })).toThrow(FmopsError);
    expect(store.listRuns({ limit: 0 })).toEqual([]);
  });

  it("finds the latest run", () => {
    expect(store.findRun("latest")?.id).toBe(ids[2]);
  });

  it("finds a run by its full id or a prefix only it has", () => {
    expect(store.findRun("20261203-120000-bbbb")?.id).toBe(ids[1]);
    expect(store.findRun("20261203-09")?.id).toBe(ids[0]);
  });

  it("treats an ambiguous prefix as a usage error listing the matches", () => {
    expect(() => store.findRun("20261203-12")).toThrow(
      expect.objectContaining({
        code: "USAGE",
        message: expect.stringContaining(
          "matches 2 runs (20261203-120000-bbbb, 20261203-120000-bbbc)",
        ),
      }),
    );
  });

  it("matches prefixes literally, not as patterns", () => {
    expect(store.findRun("2026120_")).toBeNull();
    expect(store.findRun("%")).toBeNull();
    expect(store.findRun("20991231")).toBeNull();
    expect(store.findRun("")).toBeNull();
  });

  it("finds nothing as latest in an empty store", () => {
    const emptyStore = openResultsStore(join(folder, "empty.sqlite"));
    try {
      expect(emptyStore.findRun("latest")).toBeNull();
      expect(emptyStore.listRuns()).toEqual([]);
    } finally {
      emptyStore.close();
    }
  });
});
