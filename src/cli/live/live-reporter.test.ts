import { render } from "ink-testing-library";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import type { BenchEvent } from "../../spec/bench-event.js";
import type { ProgressSnapshot } from "../reporters/run-progress.js";
import { LiveReporter, type LiveSurface } from "./live-reporter.js";
import { LiveView } from "./live-view.js";
import type { ThrottleClock } from "./throttle.js";

/**
 * The live view drawn into ink-testing-library's in-memory terminal. The
 * frame on screen when the view closes is kept: under a CI variable ink
 * writes a blank line on unmount, which is not what a user last saw.
 */
function testSurface() {
  let instance: ReturnType<typeof render> | null = null;
  let closingFrame: string | null = null;
  const element = (snapshot: ProgressSnapshot) =>
    createElement(LiveView, { snapshot, isColored: false });
  const surface: LiveSurface = {
    draw(snapshot) {
      if (instance === null) instance = render(element(snapshot));
      else instance.rerender(element(snapshot));
    },
    async close() {
      closingFrame = instance?.lastFrame() ?? "";
      instance?.unmount();
    },
  };
  const frame = () => closingFrame ?? instance?.lastFrame() ?? "";
  return { surface, frame };
}

function manualClock() {
  let nowMs = 0;
  const clock: ThrottleClock = {
    now: () => nowMs,
    setTimeout: () => null,
    clearTimeout: () => {},
  };
  return { clock, advance: (byMs: number) => (nowMs += byMs) };
}

const CELLS = [
  { key: "a", label: "recursive 600c/60 · bm25 · k3 · mini" },
  { key: "b", label: "recursive 600c/60 · bm25 · k5 · mini" },
];

function caseEnd(cellKey: string, completedCases: number): BenchEvent {
  return {
    type: "case-end",
    cellKey,
    questionId: `q${completedCases}`,
    completedCases,
    totalCases: 4,
    error: null,
  };
}

function callEnd(costUsd: number | null, latencyMs: number): BenchEvent {
  return {
    type: "call-end",
    provider: "openai",
    modelId: "gpt-4o-mini",
    kind: "chat",
    status: "ok",
    latencyMs,
    costUsd,
  };
}

describe("the live view", () => {
  it("redraws from 0/N to N/N with cost, latency and cells in flight", async () => {
    const { surface, frame } = testSurface();
    const { clock, advance } = manualClock();
    const reporter = new LiveReporter(surface, clock);

    reporter.onEvent({
      type: "run-start",
      runId: "run-1",
      experimentName: "tiny",
      cellCount: 2,
      questionCount: 2,
      cells: CELLS,
    });
    expect(frame()).toContain("0/4 cases (0%)");
    expect(frame()).toContain("$0 ·");
    expect(frame()).toContain("0/2 cells done · 2 waiting");

    // Each event comes after the redraw interval, so each one is drawn.
    const send = (event: BenchEvent, afterMs: number) => {
      advance(afterMs);
      reporter.onEvent(event);
    };
    send(callEnd(0.0015, 200), 500);
    send(caseEnd("a", 1), 500);
    send(callEnd(0.0025, 400), 500);
    send(caseEnd("b", 2), 500);
    expect(frame()).toContain("2/4 cases (50%)");
    expect(frame()).toContain("$0.004000");
    expect(frame()).toContain("p50 300 ms");
    // One case a second since the first ended, two cases left.
    expect(frame()).toContain("ETA 2.0 s");
    expect(frame()).toContain(`1/2 ${CELLS[0]?.label}`);

    send(caseEnd("a", 3), 500);
    reporter.onEvent(caseEnd("b", 4));
    await reporter.close();
    expect(frame()).toContain("4/4 cases (100%)");
    expect(frame()).toContain("2/2 cells done");
    expect(frame()).not.toContain("waiting");
  });

  it("draws once per tenth of a second however many events arrive", () => {
    let draws = 0;
    const { clock, advance } = manualClock();
    const reporter = new LiveReporter(
      { draw: () => (draws += 1), close: async () => {} },
      clock,
    );
    for (let index = 0; index < 1_000; index += 1) {
      reporter.onEvent(callEnd(0.001, 10));
      advance(1);
    }
    // 1,000 events over one second: a draw at 0, 100, …, 900 ms.
    expect(draws).toBe(10);
  });

  it("redraws every second without events, so time left keeps moving", async () => {
    let draws = 0;
    let nowMs = 0;
    const timers: Array<() => void> = [];
    const clock: ThrottleClock = {
      now: () => nowMs,
      setTimeout: (callback) => timers.push(callback),
      clearTimeout: () => {},
    };
    const reporter = new LiveReporter(
      { draw: () => (draws += 1), close: async () => {} },
      clock,
    );
    reporter.onEvent({
      type: "run-start",
      runId: "r",
      experimentName: "x",
      cellCount: 1,
      questionCount: 4,
      cells: [CELLS[0] ?? { key: "a", label: "a" }],
    });
    // Three quiet seconds, as while an index is built: a frame each.
    for (let second = 1; second <= 3; second += 1) {
      nowMs = second * 1_000;
      timers.shift()?.();
    }
    await reporter.close();
    // The first frame, three idle ones, and the last.
    expect(draws).toBe(5);
  });

  it("shows an unknown price as such, never as a complete sum", () => {
    const { surface, frame } = testSurface();
    const reporter = new LiveReporter(surface, manualClock().clock);
    reporter.onEvent(callEnd(0.5, 10));
    reporter.onEvent(callEnd(null, 10));
    return reporter.close().then(() => {
      expect(frame()).toContain("$0.5000 + unknown");
    });
  });
});
