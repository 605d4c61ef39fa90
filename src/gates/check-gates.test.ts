import { describe, expect, it } from "vitest";
import type { CellParams, GateSpec } from "../spec/experiment.js";
import type {
  CaseRecord,
  CellRecord,
  CellSummary,
  RunRecord,
} from "../spec/records.js";
import { sampleRunRecord } from "../test-support/run-record.test-support.js";
import { checkGates, type GateBaseline } from "./check-gates.js";
import type { GatedRun } from "./gated-run.js";
import { runFailure } from "./run-failure.js";

const params: CellParams = {
  chunking: { strategy: "none", size: 0, overlap: 0, unit: "characters" },
  embedder: null,
  topK: 3,
  retrieval: "bm25",
  model: null,
  prompt: null,
};

function runRecord(id: string, status: RunRecord["status"]): RunRecord {
  return sampleRunRecord(id, {
    endedAt: "2026-12-03T17:01:00.000Z",
    status,
  });
}

function summary(
  cellKey: string,
  figures: Partial<CellSummary> = {},
): CellSummary {
  return {
    cellKey,
    label: `cell ${cellKey}`,
    params,
    caseCount: 10,
    errorCount: 0,
    metrics: {},
    scoredCounts: {},
    unscoredCounts: {},
    intervals: {},
    latencyMs: { p50: 100, p95: 400, p99: 900 },
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0.5,
    evaluationCostUsd: 0,
    ...figures,
  };
}

function caseRecord(
  cellKey: string,
  questionId: string,
  score: number,
): CaseRecord {
  return {
    runId: "run",
    cellKey,
    questionId,
    question: questionId,
    answer: "a",
    retrievedChunkIds: [],
    retrievedDocumentIds: [],
    retrievalLatencyMs: 1,
    generationLatencyMs: null,
    latencyMs: 1,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    error: null,
    isCached: false,
    scores: { token_f1: score },
    unscoredReasons: {},
    evaluationInputTokens: 0,
    evaluationOutputTokens: 0,
    evaluationCostUsd: 0,
  };
}

/** A run whose cells score `scores[key]` on each of their questions. */
function gatedRun(
  id: string,
  scores: Record<string, number[]>,
  figures: Record<string, Partial<CellSummary>> = {},
): GatedRun {
  const keys = Object.keys(scores);
  const cells: CellRecord[] = keys.map((key) => ({
    runId: id,
    key,
    label: `cell ${key}`,
    params,
  }));
  const mean = (values: number[]) =>
    values.reduce((total, value) => total + value, 0) / values.length;
  const summaries = keys.map((key) =>
    summary(key, {
      metrics: { token_f1: mean(scores[key] ?? []) },
      scoredCounts: { token_f1: scores[key]?.length ?? 0 },
      ...figures[key],
    }),
  );
  const best = [...summaries].sort(
    (a, b) => (b.metrics.token_f1 ?? 0) - (a.metrics.token_f1 ?? 0),
  )[0];
  return {
    run: runRecord(id, "completed"),
    cells,
    summaries,
    bestCellKey: best?.cellKey ?? null,
    casesOf: (key) =>
      (scores[key] ?? []).map((score, index) =>
        caseRecord(key, `q${index}`, score),
      ),
  };
}

function gate(rule: Partial<GateSpec>): GateSpec {
  return {
    metric: "token_f1",
    min: null,
    max: null,
    maxDrop: null,
    isSignificantDropFailing: false,
    scope: "best",
    ...rule,
  };
}

const noBaseline: GateBaseline = { run: null, missingReason: "no baseline" };

describe("checkGates", () => {
  it("checks the best cell by default and every cell with all", () => {
    const run = gatedRun("now", { a: [0.5, 0.7], b: [0.9, 0.7] });

    const best = checkGates([gate({ min: 0.7 })], run, noBaseline);
    const all = checkGates([gate({ min: 0.7, scope: "all" })], run, noBaseline);

    expect(best.map((check) => [check.cellKey, check.value])).toEqual([
      ["b", 0.8],
    ]);
    expect(best[0]?.isPassing).toBe(true);
    // Cell a: (0.5 + 0.7) / 2 = 0.6, below 0.7.
    expect(all.map((check) => [check.cellKey, check.isPassing])).toEqual([
      ["a", false],
      ["b", true],
    ]);
  });

  it("meets a bound its mean reaches only up to rounding", () => {
    // Six 0.1s sum to 0.6000000000000001: a mean a hair above 0.1.
    const run = gatedRun("now", { a: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1] });
    const scaled = gatedRun("now", { a: [0.6] });

    expect(
      checkGates([gate({ max: 0.1 })], run, noBaseline)[0]?.isPassing,
    ).toBe(true);
    expect(
      checkGates([gate({ min: 0.6, max: 0.6 })], scaled, noBaseline).map(
        (check) => check.isPassing,
      ),
    ).toEqual([true, true]);
  });

  it("fails, with the reason, a metric the cell has no value for", () => {
    const run = gatedRun(
      "now",
      { a: [] },
      { a: { metrics: { token_f1: null }, costUsd: null } },
    );

    const checks = checkGates(
      [gate({ min: 0 }), gate({ metric: "cost_usd", max: 10 })],
      run,
      noBaseline,
    );

    expect(checks.map((check) => [check.isPassing, check.reason])).toEqual([
      [false, "no case was scored"],
      [false, "cost unknown: a call's price is missing"],
    ]);
  });

  it("reads run figures, lower being better", () => {
    const run = gatedRun(
      "now",
      { a: [1] },
      { a: { errorCount: 2, caseCount: 8, costUsd: 1.25 } },
    );
    const before = gatedRun(
      "before",
      { a: [1] },
      { a: { latencyMs: { p50: 80, p95: 300, p99: 900 }, costUsd: 1 } },
    );

    const checks = checkGates(
      [
        gate({ metric: "error_rate", max: 0.2 }),
        gate({ metric: "latency_p95_ms", maxDrop: 50 }),
        gate({ metric: "cost_usd", maxDrop: 0.25 }),
      ],
      run,
      { run: before },
    );

    // 2 of 8 cases failed: 0.25 > 0.2. p95 rose 300 → 400 ms: 100 > 50.
    // Cost rose 1.00 → 1.25: exactly the limit.
    expect(
      checks.map((check) => [
        check.value,
        check.baselineValue,
        check.isPassing,
      ]),
    ).toEqual([
      [0.25, null, false],
      [400, 300, false],
      [1.25, 1, true],
    ]);
  });

  it("fails a significant drop, and not a drop within noise", () => {
    const ten = (score: number) => Array.from({ length: 10 }, () => score);
    const before = gatedRun("before", { a: ten(1) });
    const dropped = gatedRun("now", { a: ten(0) });
    const wobbled = gatedRun("now", { a: [0, ...ten(1).slice(1)] });
    const significant = gate({ isSignificantDropFailing: true });

    const [drop] = checkGates([significant], dropped, { run: before });
    const [wobble] = checkGates([significant], wobbled, { run: before });

    // Ten questions all lost: only 2 of the 1,024 sign flips are as
    // extreme, p ≈ 0.002. One question of ten lost: p = 1.
    expect(drop?.isPassing).toBe(false);
    expect(drop?.pValue).toBeLessThan(0.01);
    expect([drop?.value, drop?.baselineValue]).toEqual([0, 1]);
    expect(wobble?.isPassing).toBe(true);
    expect(wobble?.pValue).toBe(1);
  });

  it("compares the best cell with the baseline's best when the best changed", () => {
    const before = gatedRun("before", { a: [0.9], b: [0.5] });
    const now = gatedRun("now", { c: [0.85] });

    const [best] = checkGates([gate({ maxDrop: 0.1 })], now, { run: before });
    const [all] = checkGates([gate({ maxDrop: 0.1, scope: "all" })], now, {
      run: before,
    });

    expect(best).toMatchObject({ baselineValue: 0.9, isPassing: true });
    expect(all).toMatchObject({
      isPassing: false,
      reason: "baseline run before has no cell c",
    });
  });

  it("fails the best cell's drop even when another cell has become the best", () => {
    // The baseline's best, a, falls from 0.9 to 0.5; b stays at 0.8 and
    // is now the best: the run's best score fell by 0.1.
    const before = gatedRun("before", { a: [0.9], b: [0.8] });
    const now = gatedRun("now", { a: [0.5], b: [0.8] });

    const [best] = checkGates([gate({ maxDrop: 0.05 })], now, { run: before });

    expect(best).toMatchObject({
      value: 0.8,
      baselineValue: 0.9,
      isPassing: false,
    });
  });

  it("fails regression rules when there is no baseline", () => {
    const run = gatedRun("now", { a: [1] });

    const [check] = checkGates([gate({ maxDrop: 0.1 })], run, noBaseline);

    expect(check).toMatchObject({ isPassing: false, reason: "no baseline" });
  });

  it("refuses a cell reference that names no cell", () => {
    const run = gatedRun("now", { a1: [1], a2: [1] });

    expect(() =>
      checkGates([gate({ min: 0, scope: { cell: "a" } })], run, noBaseline),
    ).toThrow('gate cell "a", which names 2 cells in run now');
    expect(
      checkGates(
        [gate({ min: 0, scope: { cell: "cell a2" } })],
        run,
        noBaseline,
      )[0]?.cellKey,
    ).toBe("a2");
  });
});

describe("runFailure", () => {
  it("refuses runs that did not complete or had no successful case", () => {
    const failed = { ...runRecord("r1", "failed"), statusReason: "disk full" };
    const allErrors = [summary("a", { caseCount: 3, errorCount: 3 })];

    expect(runFailure(failed, [summary("a")])).toBe(
      "run r1 did not complete (status failed): disk full",
    );
    expect(runFailure(runRecord("r2", "completed"), allErrors)).toBe(
      "run r2 has no case that succeeded, so nothing was scored",
    );
    expect(runFailure(runRecord("r3", "completed"), [summary("a")])).toBeNull();
  });
});
