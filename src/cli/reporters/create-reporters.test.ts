import { describe, expect, it } from "vitest";
import { captureIo } from "../../test-support/capture-io.js";
import {
  isColorWanted,
  isLiveViewWanted,
  type ReporterChoice,
} from "./create-reporters.js";
import { PlainReporter } from "./plain-reporter.js";

const CHOICE: ReporterChoice = {
  isSilent: false,
  isPlainForced: false,
  headlineMetric: "token_f1",
};

function terminalIo(env: Record<string, string>) {
  const io = captureIo("/", env);
  return { ...io, stderr: { write: io.stderr.write, isTTY: true } };
}

describe("choosing how progress is shown", () => {
  it("draws live only on a terminal, outside CI, unless told not to", () => {
    expect(isLiveViewWanted(CHOICE, terminalIo({}))).toBe(true);
    expect(isLiveViewWanted(CHOICE, captureIo("/"))).toBe(false);
    expect(isLiveViewWanted(CHOICE, terminalIo({ CI: "true" }))).toBe(false);
    expect(isLiveViewWanted(CHOICE, terminalIo({ CI: "false" }))).toBe(true);
    expect(
      isLiveViewWanted({ ...CHOICE, isPlainForced: true }, terminalIo({})),
    ).toBe(false);
  });

  it("honours NO_COLOR when it is set to anything", () => {
    expect(isColorWanted({})).toBe(true);
    expect(isColorWanted({ NO_COLOR: "" })).toBe(true);
    expect(isColorWanted({ NO_COLOR: "1" })).toBe(false);
  });
});

describe("plain progress lines", () => {
  it("say cases, errors, cost, call rate, median latency and time left", () => {
    let nowMs = 0;
    const lines: string[] = [];
    const reporter = new PlainReporter({
      write: (line) => lines.push(line),
      headlineMetric: undefined,
      now: () => nowMs,
    });
    reporter.onEvent({
      type: "run-start",
      runId: "r",
      experimentName: "tiny",
      cellCount: 1,
      questionCount: 4,
    });
    for (const [index, latencyMs] of [100, 300, 200].entries()) {
      nowMs += 1_000;
      reporter.onEvent({
        type: "call-end",
        provider: "openai",
        modelId: "gpt-4o-mini",
        kind: "chat",
        status: "ok",
        latencyMs,
        costUsd: 0.01,
      });
      reporter.onEvent({
        type: "case-end",
        cellKey: "c",
        questionId: `q${index}`,
        completedCases: index + 1,
        totalCases: 4,
        error: index === 1 ? "timeout" : null,
      });
    }

    // Lines at most every 2 s: after the first case and after the third.
    expect(lines.filter((line) => line.startsWith("progress:"))).toEqual([
      "progress: 1/4 cases (25%) · 0 errors · $0.0100 · 1.0 calls/s · p50 100 ms · ETA –\n",
      "progress: 3/4 cases (75%) · 1 error · $0.0300 · 1.0 calls/s · p50 200 ms · ETA 1.0 s\n",
    ]);

    // Stopped at 3 of 4 cases: the cell is summarised, but not as done.
    reporter.onEvent({
      type: "cell-end",
      summary: {
        cellKey: "c",
        label: "none · bm25 · k1",
        params: {
          chunking: {
            strategy: "none",
            size: 0,
            overlap: 0,
            unit: "characters",
          },
          embedder: "local:bm25",
          topK: 1,
          retrieval: "dense",
          model: null,
          prompt: null,
        },
        caseCount: 3,
        errorCount: 1,
        metrics: {},
        scoredCounts: {},
        unscoredCounts: {},
        intervals: {},
        latencyMs: { p50: 200, p95: 290, p99: 298 },
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0.03,
        evaluationCostUsd: 0,
      },
    });
    expect(lines.at(-1)).toBe("cell (partial, 3/4 cases): none · bm25 · k1\n");
  });
});
